import { mkdirSync } from 'node:fs';
import S3rver from 's3rver';
import { assertPortFree } from './ports';
import type { RunningEngine } from './running-engine';

export interface S3LocalOptions {
  port: number;
  /** Objects are files under this folder. */
  dataDir: string;
  buckets: string[];
}

/** s3rver: an S3 API on loopback, in this process, creating the given buckets. */
export async function startS3Local(options: S3LocalOptions): Promise<RunningEngine> {
  await assertPortFree(options.port, 's3rver');
  mkdirSync(options.dataDir, { recursive: true });
  const server = new S3rver({
    port: options.port,
    address: '127.0.0.1',
    directory: options.dataDir,
    silent: true,
    configureBuckets: options.buckets.map((name) => ({ name, configs: [] })),
  });
  await server.run();
  return { name: 's3rver', endpoint: `http://127.0.0.1:${options.port}`, stop: () => server.close() };
}
