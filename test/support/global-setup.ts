import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEngines } from '@rapport/local';
import type { TestProject } from 'vitest/node';

export interface EngineEndpoints {
  dynamodb: string;
  cognito: string;
  s3: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    engines: EngineEndpoints;
  }
}

/**
 * Starts DynamoDB Local (in memory), cognito-local and s3rver once for the integration project, on
 * free ports with a throw-away data folder; every test file then works on its own table and pool.
 */
export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(join(tmpdir(), 'rapport-test-'));
  const engines = await startEngines({ dataDir, inMemoryDynamoDb: true });
  project.provide('engines', {
    dynamodb: engines.dynamodb.endpoint,
    cognito: engines.cognito.endpoint,
    s3: engines.s3.endpoint,
  });
  return async () => {
    await engines.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
