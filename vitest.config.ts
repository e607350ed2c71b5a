import { defineConfig } from 'vitest/config';

/**
 * Three projects: unit tests beside the code (no engines), integration and end-to-end tests against
 * DynamoDB Local, s3rver and cognito-local (started once by the global setup; each file gets its
 * own table and user pool, so files run in parallel), and the CDK assertions.
 */
export default defineConfig({
  test: {
    pool: 'forks',
    env: { POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_TRACE_ENABLED: 'false', POWERTOOLS_METRICS_DISABLED: 'true' },
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['packages/**/*.test.ts', 'functions/**/*.test.ts', 'test/architecture/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: { name: 'infra', include: ['test/infra/**/*.test.ts'], testTimeout: 600_000, hookTimeout: 600_000 },
      },
    ],
  },
});
