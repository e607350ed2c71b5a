import { ensureConsoleBuilt } from '@rapport/console';
import { freePort, LOCAL_AUDIT_BUCKET, startLocalStack } from '@rapport/local';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';

export interface ConsoleStack {
  /** The console and the API, same origin: `http://localhost:<port>`. */
  url: string;
  /** Where the local stack writes outgoing mail as .eml files. */
  mailDir: string;
  /** The local S3 (s3rver) and the audit archive's bucket, for a test that tampers with the archive. */
  audit: { s3Endpoint: string; bucket: string };
}

declare module 'vitest' {
  export interface ProvidedContext {
    consoleStack: ConsoleStack;
  }
}

/**
 * Builds the console once (skipped when the build matches its source) and starts the whole local
 * stack, as `npm start` does, on free ports with a throw-away data folder. The API port is chosen
 * before the start so the invitation mails carry the real link.
 */
export default async function setup(project: TestProject) {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
  const { dir: consoleDir } = await ensureConsoleBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'rapport-browser-'));
  const stack = await startLocalStack({
    dataDir,
    apiPort: await freePort(),
    enginePorts: { dynamodb: 0, cognito: 0, s3: 0 },
    functionsDir: resolve(import.meta.dirname, '../../../functions'),
    consoleDir,
  });
  project.provide('consoleStack', { url: stack.api.url, mailDir: join(dataDir, 'mail'), audit: { s3Endpoint: stack.engines.s3.endpoint, bucket: LOCAL_AUDIT_BUCKET } });
  return async () => {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
