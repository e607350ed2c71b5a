import { defineConfig } from 'vitest/config';

/**
 * Five projects: unit tests beside the code (no engines), integration and end-to-end tests against
 * DynamoDB Local, s3rver and cognito-local (started once by the global setup; each file gets its
 * own table and user pool, so files run in parallel), the CDK assertions, the web console's component
 * tests, and the console in a real browser against the local stack.
 */
export default defineConfig({
  test: {
    pool: 'forks',
    env: { POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_TRACE_ENABLED: 'false', POWERTOOLS_METRICS_DISABLED: 'true' },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['packages/**/*.test.ts', 'functions/**/*.test.ts', 'test/architecture/**/*.test.ts'],
          exclude: ['**/node_modules/**', 'packages/console/**'],
        },
      },
      {
        // The web console's component tests: React Testing Library over happy-dom.
        extends: true,
        test: {
          name: 'console',
          include: ['packages/console/**/*.test.{ts,tsx}'],
          exclude: ['**/node_modules/**'],
          environment: 'happy-dom',
          setupFiles: ['packages/console/vitest.setup.ts'],
        },
      },
      {
        // The console in a real browser (Debian's Chromium, driven by playwright-core) against the
        // whole local stack, which the global setup builds and starts once.
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/browser/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts', 'test/fuzz/**/*.test.ts'],
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
