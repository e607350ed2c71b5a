import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  functionEnvironment,
  localClientConfig,
  LOCAL_IMPORT_QUEUE,
  provisionTable,
  provisionUserPool,
  startApiServer,
  startAnalyticsPipeline,
  startAuditPipeline,
  startEventsPipeline,
  startImportPipeline,
  startInsightsPipeline,
  LOCAL_INSIGHTS_QUEUE,
  startSqsLocal,
  type UserPoolIds,
} from '@rapport/local';
import type { RateLimits } from '@rapport/domain';
import { randomUUID } from 'node:crypto';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, inject } from 'vitest';
import { apiClient } from './api-client';

export const FUNCTIONS_DIR = resolve(import.meta.dirname, '../../functions');

/** A table and user pool of this test file's own, on the shared engines. */
export async function createTestResources(): Promise<TestResources> {
  const engines = inject('engines');
  const tableName = `test-${randomUUID()}`;
  const [pool] = await Promise.all([
    provisionUserPool(engines.cognito, `test-${randomUUID()}`),
    provisionTable(engines.dynamodb, tableName),
  ]);
  const dynamo = new DynamoDBClient(localClientConfig(engines.dynamodb));
  return {
    engines,
    tableName,
    pool,
    dynamo,
    documents: DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } }),
    cognito: new CognitoIdentityProviderClient(localClientConfig(engines.cognito)),
    s3: new S3Client({ ...localClientConfig(engines.s3), forcePathStyle: true }),
  };
}

export interface TestResources {
  engines: { dynamodb: string; cognito: string; s3: string };
  tableName: string;
  pool: UserPoolIds;
  dynamo: DynamoDBClient;
  documents: DynamoDBDocumentClient;
  cognito: CognitoIdentityProviderClient;
  s3: S3Client;
}

/**
 * The API as `npm start` serves it (same adapter, same handler modules), on a free port, over this
 * file's own table and pool. Each test file runs in its own worker, so setting the functions'
 * environment here configures only this file's handlers.
 */
export interface TestApiOptions {
  auditPipeline?: boolean;
  /** Rows the import worker takes per chunk (small, so tests see several chunks). */
  importChunkRows?: number;
  /** Publish domain events and deliver webhooks; retries wait these seconds (short, for tests). */
  eventsPipeline?: { retryDelaysSeconds: readonly number[] };
  /** Keep the analytics aggregates and the completeness totals current from the stream (`stack.analytics.drain()` waits for them). */
  analyticsPipeline?: boolean;
  /** Contacts the insights worker takes per chunk (small, so tests see several). */
  insightsChunkSize?: number;
  /** Puts something in front of DynamoDB Local for the handlers (a recording proxy): given its endpoint, answers the one they use. */
  interceptDynamoDB?: (endpoint: string) => Promise<string>;
  /** The rate limits; by default out of the way of tests that drive one workspace hard for other reasons (`test/e2e/fair-use.test.ts` tests them). */
  rateLimits?: RateLimits;
}

/** High enough that no test but the fair-use one meets them (the counting still runs on every request). */
const OUT_OF_THE_WAY: RateLimits = { workspace: { burstPerSecond: 100_000, perMinute: 1_000_000 }, ingestKey: { burstPerSecond: 100_000, perMinute: 1_000_000 } };

export async function startTestApi(options: TestApiOptions = {}) {
  const resources = await createTestResources();
  const engines = {
    dynamodb: { endpoint: options.interceptDynamoDB ? await options.interceptDynamoDB(resources.engines.dynamodb) : resources.engines.dynamodb },
    cognito: { endpoint: resources.engines.cognito },
    s3: { endpoint: resources.engines.s3 },
  } as Parameters<typeof functionEnvironment>[0]['engines'];
  const dataDir = mkdtempSync(join(tmpdir(), 'rapport-api-'));
  const auditBucket = `audit-${randomUUID()}`;
  const importBucket = `imports-${randomUUID()}`;
  await resources.s3.send(new CreateBucketCommand({ Bucket: auditBucket }));
  await resources.s3.send(new CreateBucketCommand({ Bucket: importBucket }));
  const exportsBucket = `exports-${randomUUID()}`;
  await resources.s3.send(new CreateBucketCommand({ Bucket: exportsBucket }));
  const queue = await startSqsLocal({ retryDelayMs: 50 });
  Object.assign(
    process.env,
    functionEnvironment({
      engines,
      tableName: resources.tableName,
      pool: resources.pool,
      dataDir,
      auditBucket,
      exportsBucket,
      appUrl: 'http://app.rapport.test',
      imports: {
        bucket: importBucket,
        queueUrl: queue.queueUrl(LOCAL_IMPORT_QUEUE),
        sqsEndpoint: queue.endpoint,
        ...(options.importChunkRows ? { chunkRows: options.importChunkRows } : {}),
      },
      insights: { queueUrl: queue.queueUrl(LOCAL_INSIGHTS_QUEUE), ...(options.insightsChunkSize ? { chunkSize: options.insightsChunkSize } : {}) },
      rateLimits: options.rateLimits ?? OUT_OF_THE_WAY,
    }),
  );
  await startImportPipeline({ functionsDir: FUNCTIONS_DIR, queue });
  const insights = await startInsightsPipeline({ functionsDir: FUNCTIONS_DIR, queue });
  const audit = options.auditPipeline
    ? await startAuditPipeline({
        dynamodbEndpoint: resources.engines.dynamodb,
        tableName: resources.tableName,
        functionsDir: FUNCTIONS_DIR,
        pollIntervalMs: 200,
        // Tests write digests when they choose to.
        digestIntervalMs: 3_600_000,
      })
    : undefined;
  const events = options.eventsPipeline
    ? await startEventsPipeline({
        dynamodbEndpoint: resources.engines.dynamodb,
        tableName: resources.tableName,
        functionsDir: FUNCTIONS_DIR,
        pollIntervalMs: 200,
        retryDelaysSeconds: options.eventsPipeline.retryDelaysSeconds,
      })
    : undefined;
  const analytics = options.analyticsPipeline
    ? await startAnalyticsPipeline({ dynamodbEndpoint: resources.engines.dynamodb, tableName: resources.tableName, functionsDir: FUNCTIONS_DIR, pollIntervalMs: 200 })
    : undefined;
  const api = await startApiServer({ port: 0, functionsDir: FUNCTIONS_DIR });
  return {
    ...resources,
    url: api.url,
    dataDir,
    auditBucket,
    importBucket,
    queue,
    exportsBucket,
    mailDir: join(dataDir, 'mail'),
    audit,
    events,
    analytics,
    stop: async () => {
      await api.stop();
      await insights.stop();
      await queue.drain();
      await queue.stop();
      await audit?.stop();
      await events?.stop();
      await analytics?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type TestApi = Awaited<ReturnType<typeof startTestApi>> & { api: ReturnType<typeof apiClient> };

/**
 * Starts this file's API before its tests and stops it after; the returned object is filled in by
 * the time the first test runs.
 */
export function useTestApi(options: TestApiOptions = {}): TestApi {
  const current = {} as TestApi;
  beforeAll(async () => {
    const stack = await startTestApi(options);
    Object.assign(current, stack, { api: apiClient(stack.url) });
  });
  afterAll(() => current.stop?.());
  return current;
}
