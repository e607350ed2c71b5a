/** A started local engine: where it listens and how to stop it. */
export interface RunningEngine {
  name: string;
  endpoint: string;
  pid?: number | undefined;
  stop(): Promise<void>;
}

/** Local engines accept any credentials; these make the SDK's signing happy. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;
export const LOCAL_REGION = 'us-east-1';
