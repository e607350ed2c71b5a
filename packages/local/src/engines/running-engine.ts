/** A started local engine: where it listens and how to stop it. */
export interface RunningEngine {
  name: string;
  endpoint: string;
  pid?: number | undefined;
  stop(): Promise<void>;
}

/**
 * Credentials for every local engine. DynamoDB Local (shared database) and cognito-local accept
 * any; s3rver checks signatures against its one built-in key pair, so this is that pair.
 */
export const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;
export const LOCAL_REGION = 'us-east-1';
