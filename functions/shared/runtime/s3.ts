import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import type { CommonRuntime } from './common';

/** An S3 client; s3rver (local) needs path-style addressing, AWS gets virtual-hosted style. */
export function createS3Client({ env, environment }: CommonRuntime, config: S3ClientConfig = {}): S3Client {
  return new S3Client({ region: env.AWS_REGION, ...config, ...(environment.AWS_ENDPOINT_URL_S3 ? { forcePathStyle: true } : {}) });
}
