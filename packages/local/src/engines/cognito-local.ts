import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { captureOutput, stopChild } from './child-process';
import { assertPortFree, isListening, waitFor } from './ports';
import type { RunningEngine } from './running-engine';

export interface CognitoLocalOptions {
  port: number;
  /** cognito-local keeps its pools and users under `<dataDir>/.cognito`. */
  dataDir: string;
}

/**
 * cognito-local: the Cognito user-pool API, issuing RS256 JWTs with a JWKS endpoint. It runs as a
 * child process on this same Node, with its data folder as working directory (where it keeps
 * state). Its issuer is `http://127.0.0.1:<port>/<poolId>`.
 */
export async function startCognitoLocal(options: CognitoLocalOptions): Promise<RunningEngine> {
  await assertPortFree(options.port, 'cognito-local');
  mkdirSync(options.dataDir, { recursive: true });
  const packageJson = createRequire(import.meta.url).resolve('cognito-local/package.json');
  const child = spawn(process.execPath, [join(dirname(packageJson), 'lib', 'bin', 'start.js')], {
    cwd: options.dataDir,
    env: { ...process.env, PORT: String(options.port), HOST: '127.0.0.1', NODE_NO_WARNINGS: '1' },
    stdio: 'pipe',
  });
  const output = captureOutput(child);
  try {
    await waitFor(
      'cognito-local',
      async () => {
        if (child.exitCode !== null) throw new Error(`cognito-local exited with code ${child.exitCode}:\n${output()}`);
        return isListening(options.port);
      },
      30_000,
      output,
    );
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return { name: 'cognito-local', endpoint: `http://127.0.0.1:${options.port}`, pid: child.pid, stop: () => stopChild(child) };
}
