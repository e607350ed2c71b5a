import { join } from 'node:path';
import { startCognitoLocal } from './engines/cognito-local';
import { startDynamoDbLocal } from './engines/dynamodb-local';
import { freePort } from './engines/ports';
import type { RunningEngine } from './engines/running-engine';
import { startS3Local } from './engines/s3-local';

export interface EnginePorts {
  dynamodb: number;
  cognito: number;
  s3: number;
}

export interface EnginesOptions {
  /** All engine state lives under this folder. */
  dataDir: string;
  /** Keep DynamoDB in memory (tests); on disk under `dataDir` otherwise. */
  inMemoryDynamoDb?: boolean;
  /** 0 (or absent) picks a free port. */
  ports?: Partial<EnginePorts>;
  buckets?: string[];
}

export interface Engines {
  dynamodb: RunningEngine;
  cognito: RunningEngine;
  s3: RunningEngine;
  stop(): Promise<void>;
}

/** Starts DynamoDB Local, cognito-local and s3rver; if one fails to start, stops the others. */
export async function startEngines(options: EnginesOptions): Promise<Engines> {
  const port = async (wanted?: number) => (wanted ? wanted : freePort());
  const started: RunningEngine[] = [];
  const stopAll = async () => {
    await Promise.allSettled(started.map((engine) => engine.stop()));
  };
  try {
    const [dynamodb, cognito, s3] = await Promise.all([
      port(options.ports?.dynamodb)
        .then((p) => startDynamoDbLocal({ port: p, ...(options.inMemoryDynamoDb ? {} : { dataDir: join(options.dataDir, 'dynamodb') }) }))
        .then(track),
      port(options.ports?.cognito)
        .then((p) => startCognitoLocal({ port: p, dataDir: join(options.dataDir, 'cognito') }))
        .then(track),
      port(options.ports?.s3)
        .then((p) => startS3Local({ port: p, dataDir: join(options.dataDir, 's3'), buckets: options.buckets ?? [] }))
        .then(track),
    ]);
    return { dynamodb, cognito, s3, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }

  function track(engine: RunningEngine) {
    started.push(engine);
    return engine;
  }
}
