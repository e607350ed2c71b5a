import type { RateLimits } from '@rapport/domain';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startApiServer, type ApiServerOptions, type RunningApi } from './api-server';
import { startEngines, type EnginePorts, type Engines } from './engines';
import { startAuditPipeline, type AuditPipeline } from './audit-pipeline';
import { startSqsLocal, type SqsLocal } from './engines/sqs-local';
import { LOCAL_IMPORT_QUEUE, startImportPipeline } from './import-pipeline';
import { LOCAL_INSIGHTS_QUEUE, startInsightsPipeline } from './insights-pipeline';
import { startEventsPipeline, type EventsPipeline } from './events-pipeline';
import { functionEnvironment } from './function-environment';
import { startAnalyticsPipeline, type AnalyticsPipeline } from './analytics-pipeline';
import { provisionTable, provisionUserPool, type UserPoolIds } from './provision';
import { catchUpTaskReminders } from './reminder-catch-up';

export const LOCAL_TABLE_NAME = 'rapport-local';
export const LOCAL_AUDIT_BUCKET = 'rapport-local-audit';
export const LOCAL_IMPORT_BUCKET = 'rapport-local-imports';
export const LOCAL_EXPORTS_BUCKET = 'rapport-local-exports';

export interface LocalStackOptions {
  /** All local state: engines' data and the ids of what was provisioned. */
  dataDir: string;
  apiPort: number;
  enginePorts?: Partial<EnginePorts>;
  functionsDir: string;
  /** The built web console to serve next to the API (see `@rapport/console`). */
  consoleDir?: string;
  /** Told of every request the local API answered (`npm start` prints a line for each). */
  onResponse?: ApiServerOptions['onResponse'];
  /** Rate limits other than the published ones: the benchmarks and the demo loader, which drive one workspace as fast as it goes, lift them. */
  rateLimits?: RateLimits;
}

/** Limits no loader reaches: every request is still counted, as in AWS, so the benchmarks measure that too. */
export const LIFTED_RATE_LIMITS: RateLimits = { workspace: { burstPerSecond: 1_000_000, perMinute: 60_000_000 }, ingestKey: { burstPerSecond: 1_000_000, perMinute: 60_000_000 } };

export interface LocalStack {
  api: RunningApi;
  audit: AuditPipeline;
  /** Domain events from the table stream to the tenants' webhooks. */
  events: EventsPipeline;
  /** The CRM numbers kept current from the table stream. */
  analytics: AnalyticsPipeline;
  engines: Engines;
  /** The import queue, delivering to the import worker. */
  queue: SqsLocal;
  tableName: string;
  pool: UserPoolIds;
  stop(): Promise<void>;
}

interface SavedState {
  pool?: UserPoolIds;
}

/**
 * The whole product on one machine: engines, the table and user pool (created once, found again on
 * the next start), and the API served by the real handlers.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  mkdirSync(options.dataDir, { recursive: true });
  const statePath = join(options.dataDir, 'local-stack.json');
  const saved: SavedState = existsSync(statePath) ? (JSON.parse(readFileSync(statePath, 'utf8')) as SavedState) : {};

  const engines = await startEngines({
    dataDir: options.dataDir,
    ...(options.enginePorts ? { ports: options.enginePorts } : {}),
    buckets: [LOCAL_AUDIT_BUCKET, LOCAL_IMPORT_BUCKET, LOCAL_EXPORTS_BUCKET],
  });
  const queue = await startSqsLocal();
  try {
    await provisionTable(engines.dynamodb.endpoint, LOCAL_TABLE_NAME);
    const pool = await provisionUserPool(engines.cognito.endpoint, 'rapport-local', saved.pool);
    writeFileSync(statePath, `${JSON.stringify({ pool } satisfies SavedState, null, 2)}\n`);
    Object.assign(
      process.env,
      functionEnvironment({
        engines,
        tableName: LOCAL_TABLE_NAME,
        pool,
        dataDir: options.dataDir,
        auditBucket: LOCAL_AUDIT_BUCKET,
        exportsBucket: LOCAL_EXPORTS_BUCKET,
        appUrl: `http://localhost:${options.apiPort || 3000}`,
        imports: { bucket: LOCAL_IMPORT_BUCKET, queueUrl: queue.queueUrl(LOCAL_IMPORT_QUEUE), sqsEndpoint: queue.endpoint },
        insights: { queueUrl: queue.queueUrl(LOCAL_INSIGHTS_QUEUE) },
        ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
      }),
    );
    const audit = await startAuditPipeline({
      dynamodbEndpoint: engines.dynamodb.endpoint,
      tableName: LOCAL_TABLE_NAME,
      functionsDir: options.functionsDir,
      checkpointFile: join(options.dataDir, 'audit-stream-checkpoint.json'),
    });
    await startImportPipeline({ functionsDir: options.functionsDir, queue });
    const insights = await startInsightsPipeline({ functionsDir: options.functionsDir, queue });
    const events = await startEventsPipeline({
      dynamodbEndpoint: engines.dynamodb.endpoint,
      tableName: LOCAL_TABLE_NAME,
      functionsDir: options.functionsDir,
      checkpointFile: join(options.dataDir, 'events-stream-checkpoint.json'),
    });
    const analytics = await startAnalyticsPipeline({
      dynamodbEndpoint: engines.dynamodb.endpoint,
      tableName: LOCAL_TABLE_NAME,
      functionsDir: options.functionsDir,
      checkpointFile: join(options.dataDir, 'analytics-stream-checkpoint.json'),
    });
    const api = await startApiServer({
      port: options.apiPort,
      functionsDir: options.functionsDir,
      ...(options.consoleDir ? { consoleDir: options.consoleDir } : {}),
      ...(options.onResponse ? { onResponse: options.onResponse } : {}),
    });
    await catchUpTaskReminders(options.functionsDir);
    return {
      api,
      engines,
      queue,
      audit,
      events,
      analytics,
      tableName: LOCAL_TABLE_NAME,
      pool,
      stop: async () => {
        await api.stop();
        await insights.stop();
        await audit.stop();
        await queue.stop();
        await events.stop();
        await analytics.stop();
        await engines.stop();
      },
    };
  } catch (error) {
    await queue.stop();
    await engines.stop();
    throw error;
  }
}
