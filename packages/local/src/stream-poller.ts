import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ResourceNotFoundException,
  TrimmedDataAccessException,
  type _Record as StreamsRecord,
  type AttributeValue as StreamsAttributeValue,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import type { AttributeValue, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { LOCAL_REGION } from './engines/running-engine';
import { localClientConfig } from './provision';

export interface StreamPollerOptions {
  /** DynamoDB Local's endpoint (it serves the streams API too). */
  endpoint: string;
  tableName: string;
  /** The Lambda handler the event source mapping invokes. */
  handler: (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | void>;
  /** The mapping's filter: records it refuses are consumed without being delivered. */
  filter: (record: DynamoDBRecord) => boolean;
  /** Where to remember how far each shard is acknowledged, so a restart neither repeats nor skips. */
  checkpointFile?: string;
  pollIntervalMs?: number;
  batchSize?: number;
  /** How long records wait for a fuller batch (the mapping's MaximumBatchingWindowInSeconds). */
  maxBatchingWindowMs?: number;
  /** The first retry's delay after a failed delivery; doubles up to {@link MAX_RETRY_DELAY_MS}. */
  retryDelayMs?: number;
  /** The region the records name (`awsRegion`). */
  region?: string;
  logger?: Pick<Console, 'info' | 'warn' | 'error'>;
}

export interface StreamPoller {
  /** Stops polling once the delivery in progress (if any) is done. */
  stop(): Promise<void>;
  /** Resolves once every record written before the call has been delivered and acknowledged. */
  drain(): Promise<void>;
}

export const MAX_RETRY_DELAY_MS = 5_000;

interface ShardState {
  id: string;
  parentId: string | undefined;
  /** Undefined until asked for; null once a closed shard has been read to its end. */
  iterator: string | null | undefined;
  /** Fetched, not yet acknowledged, in stream order. */
  buffer: DynamoDBRecord[];
  bufferedSince: number;
  acknowledged: string | undefined;
  lastFetched: string | undefined;
  finished: boolean;
  failures: number;
  retryAt: number;
}

interface Checkpoint {
  streamArn: string;
  shards: Record<string, { sequenceNumber?: string; finished?: boolean }>;
}

/**
 * The local stand-in for a Lambda event source mapping on the table's stream: reads DynamoDB
 * Local's stream shard by shard (a child only after its parent), delivers batches in the shape
 * Lambda does, filtered as the mapping filters, and honours `batchItemFailures` by delivering again
 * from the lowest failed record (forever, with backoff: locally nothing may be lost). Progress is
 * checkpointed past acknowledged records only.
 */
export async function startStreamPoller(options: StreamPollerOptions): Promise<StreamPoller> {
  const pollIntervalMs = options.pollIntervalMs ?? 500;
  const batchSize = options.batchSize ?? 100;
  const windowMs = options.maxBatchingWindowMs ?? 1000;
  const retryDelayMs = options.retryDelayMs ?? 100;
  const region = options.region ?? LOCAL_REGION;
  const logger = options.logger ?? console;
  const dynamo = new DynamoDBClient(localClientConfig(options.endpoint));
  const streams = new DynamoDBStreamsClient(localClientConfig(options.endpoint));

  const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: options.tableName }));
  const streamArn = Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`Table ${options.tableName} has no stream to poll`);

  const saved = readCheckpoint(options.checkpointFile, streamArn);
  const shards = new Map<string, ShardState>();
  let stopped = false;
  let draining: Array<{ askedAfterCycle: number; resolve: () => void; reject: (error: Error) => void }> = [];
  let cyclesStarted = 0;
  let checkpointText = '';
  let wake: (() => void) | undefined;

  async function refreshShards() {
    let ExclusiveStartShardId: string | undefined;
    do {
      const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId }));
      for (const shard of StreamDescription?.Shards ?? []) addShard(shard);
      ExclusiveStartShardId = StreamDescription?.LastEvaluatedShardId;
    } while (ExclusiveStartShardId);
  }

  function addShard(shard: Shard) {
    if (!shard.ShardId || shards.has(shard.ShardId)) return;
    const checkpoint = saved.shards[shard.ShardId];
    shards.set(shard.ShardId, {
      id: shard.ShardId,
      parentId: shard.ParentShardId,
      iterator: undefined,
      buffer: [],
      bufferedSince: 0,
      acknowledged: checkpoint?.sequenceNumber,
      lastFetched: checkpoint?.sequenceNumber,
      finished: checkpoint?.finished ?? false,
      failures: 0,
      retryAt: 0,
    });
  }

  /** A shard is read only once its parent is done, so a key's records stay in order across a split. */
  const readable = (shard: ShardState) => !shard.finished && (!shard.parentId || (shards.get(shard.parentId)?.finished ?? true));

  async function fetch(shard: ShardState): Promise<number> {
    if (shard.iterator === undefined) {
      const after = shard.lastFetched;
      const { ShardIterator } = await streams.send(
        new GetShardIteratorCommand({
          StreamArn: streamArn,
          ShardId: shard.id,
          ShardIteratorType: after ? 'AFTER_SEQUENCE_NUMBER' : 'TRIM_HORIZON',
          ...(after ? { SequenceNumber: after } : {}),
        }),
      );
      shard.iterator = ShardIterator ?? null;
    }
    if (shard.iterator === null) return 0;
    try {
      const { Records = [], NextShardIterator } = await streams.send(
        new GetRecordsCommand({ ShardIterator: shard.iterator, Limit: batchSize - shard.buffer.length }),
      );
      shard.iterator = NextShardIterator ?? null;
      if (Records.length > 0 && shard.buffer.length === 0) shard.bufferedSince = Date.now();
      for (const record of Records) shard.buffer.push(toLambdaRecord(record, streamArn!, region));
      shard.lastFetched = Records.at(-1)?.dynamodb?.SequenceNumber ?? shard.lastFetched;
      return Records.length;
    } catch (error) {
      if (error instanceof ExpiredIteratorException) shard.iterator = undefined;
      else if (error instanceof TrimmedDataAccessException) {
        logger.warn(`Stream records of shard ${shard.id} were trimmed before delivery; reading from the oldest kept`);
        shard.iterator = undefined;
        shard.lastFetched = undefined;
      } else if (error instanceof ResourceNotFoundException) shard.finished = true;
      else throw error;
      return 0;
    }
  }

  async function deliver(shard: ShardState) {
    const batch = shard.buffer.slice(0, batchSize);
    const matching = batch.filter((record) => options.filter(record));
    let failedAt: number | null = null;
    if (matching.length > 0) {
      const wholeBatch = batch.indexOf(matching[0]!);
      try {
        const result = await options.handler({ Records: matching });
        const failed = (result?.batchItemFailures ?? []).map(({ itemIdentifier }) =>
          batch.findIndex((record) => record.dynamodb?.SequenceNumber === itemIdentifier),
        );
        // As Lambda: an identifier that names no record of the batch fails the whole batch.
        if (failed.length > 0) failedAt = failed.includes(-1) ? wholeBatch : Math.min(...failed);
      } catch (error) {
        logger.error(`The stream handler failed on ${matching.length} record(s); delivering them again`, error);
        failedAt = wholeBatch;
      }
    }
    const acknowledged = failedAt ?? batch.length;
    if (acknowledged > 0) {
      shard.acknowledged = batch[acknowledged - 1]!.dynamodb?.SequenceNumber;
      shard.buffer.splice(0, acknowledged);
      shard.bufferedSince = Date.now();
    }
    if (failedAt === null) {
      shard.failures = 0;
      shard.retryAt = 0;
    } else {
      shard.failures += 1;
      const delay = Math.min(retryDelayMs * 2 ** (shard.failures - 1), MAX_RETRY_DELAY_MS);
      shard.retryAt = Date.now() + delay;
      logger.warn(`Stream records from ${batch[failedAt]!.dynamodb?.SequenceNumber} failed (attempt ${shard.failures}); retrying in ${delay} ms`);
    }
  }

  /** One pass over the shards; true when it found nothing to fetch or deliver. */
  async function cycle(): Promise<boolean> {
    await refreshShards();
    let quiet = true;
    for (const shard of shards.values()) {
      if (!readable(shard)) continue;
      if (shard.buffer.length < batchSize && (await fetch(shard)) > 0) quiet = false;
      if (shard.buffer.length > 0) {
        quiet = false;
        const full = shard.buffer.length >= batchSize || shard.iterator === null;
        const waited = Date.now() - shard.bufferedSince >= windowMs;
        if ((full || waited || draining.length > 0) && Date.now() >= shard.retryAt) await deliver(shard);
      } else if (shard.iterator === null) {
        shard.finished = true;
      }
    }
    checkpointText = writeCheckpoint(options.checkpointFile, streamArn!, shards, checkpointText);
    return quiet;
  }

  const loop = (async () => {
    let quietSince: number | null = null;
    while (!stopped) {
      cyclesStarted += 1;
      const current = cyclesStarted;
      let quiet = false;
      try {
        quiet = await cycle();
      } catch (error) {
        logger.error('Polling the table stream failed; trying again', error);
      }
      quietSince = quiet ? (quietSince ?? current) : null;
      // Two quiet passes, both begun after the drain was asked for: everything written before it is acknowledged.
      // A stream already quiet when the drain is asked counts from the first pass begun after it.
      if (quietSince !== null && current > quietSince) {
        const done = draining.filter((waiter) => current > Math.max(quietSince!, waiter.askedAfterCycle + 1));
        draining = draining.filter((waiter) => !done.includes(waiter));
        for (const waiter of done) waiter.resolve();
      }
      if (stopped) break;
      if (draining.length === 0) await sleep(pollIntervalMs);
      else if (!quiet) await sleep(Math.min(pollIntervalMs, 50));
    }
  })();

  function sleep(ms: number) {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  return {
    async stop() {
      stopped = true;
      wake?.();
      await loop;
      for (const waiter of draining) waiter.reject(new Error('The stream poller stopped before draining'));
      draining = [];
      dynamo.destroy();
      streams.destroy();
    },
    drain() {
      if (stopped) return Promise.reject(new Error('The stream poller is stopped'));
      return new Promise<void>((resolve, reject) => {
        draining.push({ askedAfterCycle: cyclesStarted, resolve, reject });
        wake?.();
      });
    },
  };
}

function readCheckpoint(file: string | undefined, streamArn: string): Checkpoint {
  if (!file || !existsSync(file)) return { streamArn, shards: {} };
  const saved = JSON.parse(readFileSync(file, 'utf8')) as Checkpoint;
  // A recreated table has a new stream: the old checkpoint says nothing about it.
  return saved.streamArn === streamArn ? saved : { streamArn, shards: {} };
}

/** Saves the checkpoint when it changed; returns what the file now holds. */
function writeCheckpoint(file: string | undefined, streamArn: string, shards: Map<string, ShardState>, written: string): string {
  if (!file) return written;
  const checkpoint: Checkpoint = { streamArn, shards: {} };
  for (const shard of shards.values()) {
    checkpoint.shards[shard.id] = { ...(shard.acknowledged ? { sequenceNumber: shard.acknowledged } : {}), ...(shard.finished ? { finished: true } : {}) };
  }
  const text = `${JSON.stringify(checkpoint, null, 2)}\n`;
  if (text === written) return written;
  mkdirSync(dirname(file), { recursive: true });
  // Written aside and renamed into place, so a crash mid-write never leaves half a checkpoint.
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
  return text;
}

/** A streams-API record as Lambda delivers it: JSON attribute values, epoch-second timestamps, the source ARN. */
export function toLambdaRecord(record: StreamsRecord, streamArn: string, region: string): DynamoDBRecord {
  const stream = record.dynamodb ?? {};
  const image = (attributes: Record<string, StreamsAttributeValue> | undefined) =>
    attributes ? Object.fromEntries(Object.entries(attributes).map(([name, value]) => [name, toLambdaValue(value)])) : undefined;
  const dynamodb: NonNullable<DynamoDBRecord['dynamodb']> = {};
  if (stream.ApproximateCreationDateTime) dynamodb.ApproximateCreationDateTime = Math.floor(stream.ApproximateCreationDateTime.getTime() / 1000);
  if (stream.Keys) dynamodb.Keys = image(stream.Keys);
  if (stream.NewImage) dynamodb.NewImage = image(stream.NewImage);
  if (stream.OldImage) dynamodb.OldImage = image(stream.OldImage);
  if (stream.SequenceNumber) dynamodb.SequenceNumber = stream.SequenceNumber;
  if (stream.SizeBytes !== undefined) dynamodb.SizeBytes = stream.SizeBytes;
  if (stream.StreamViewType) dynamodb.StreamViewType = stream.StreamViewType;
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: region,
    eventSourceARN: streamArn,
    dynamodb,
    ...(record.userIdentity ? { userIdentity: record.userIdentity } : {}),
  };
}

/** The SDK's attribute value (binary as bytes) as Lambda's JSON has it (binary as base64). */
function toLambdaValue(value: StreamsAttributeValue): AttributeValue {
  if (value.B !== undefined) return { B: Buffer.from(value.B).toString('base64') };
  if (value.BS !== undefined) return { BS: value.BS.map((bytes) => Buffer.from(bytes).toString('base64')) };
  if (value.L !== undefined) return { L: value.L.map(toLambdaValue) };
  if (value.M !== undefined) return { M: Object.fromEntries(Object.entries(value.M).map(([name, inner]) => [name, toLambdaValue(inner)])) };
  return value as AttributeValue;
}
