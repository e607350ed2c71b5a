import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { LocalDigestSigner, matchesAuditStreamFilter, readArchivedEvents, verifyAuditTrail } from '@rapport/audit';
import { auditEventItem, auditEventOf, keys } from '@rapport/data';
import { newId, pendingAuditEvent, pendingPart, type PendingAuditEvent } from '@rapport/domain';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { lambdaContext } from './api-gateway-event';
import { startDigestTimer } from './digest-timer';
import { startDynamoDbLocal } from './engines/dynamodb-local';
import { freePort } from './engines/ports';
import { LOCAL_CREDENTIALS, type RunningEngine } from './engines/running-engine';
import { startS3Local } from './engines/s3-local';
import { localClientConfig, provisionTable } from './provision';
import { startStreamPoller, type StreamPoller, type StreamPollerOptions } from './stream-poller';

/**
 * Connected tests: the poller is only as good as its reading of DynamoDB Local's streams API, so
 * these run against an in-memory DynamoDB Local of their own (the unit project starts no engines).
 */
vi.setConfig({ testTimeout: 20_000, hookTimeout: 60_000 });

let dynamodb: RunningEngine;
beforeAll(async () => {
  dynamodb = await startDynamoDbLocal({ port: await freePort() });
});
afterAll(() => dynamodb?.stop());

const endpoint = () => dynamodb.endpoint;
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const running: StreamPoller[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((poller) => poller.stop()));
});

/** A table of this test's own, so its stream holds only this test's writes. */
async function aTable() {
  const tableName = `poller-${randomUUID()}`;
  await provisionTable(endpoint(), tableName);
  const dynamo = new DynamoDBClient(localClientConfig(endpoint()));
  const documents = DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } });
  const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: tableName }));
  return { tableName, documents, streamArn: Table!.LatestStreamArn! };
}

/** The order each event was made in, within its tenant: what the stream must keep. */
const ordinal = new Map<string, number>();

/** `count` pending audit events of a tenant, as requests write them, in the order they were made. */
function someEvents(tenantId: string, count: number): PendingAuditEvent[] {
  return Array.from({ length: count }, (_, index) => {
    const event = pendingAuditEvent({
      tenantId,
      eventId: newId(),
      time: new Date().toISOString(),
      entry: { action: 'contact.created', target: { type: 'contact', id: newId() }, outcome: 'success' },
      context: { actor: { userId: newId(), role: 'owner' }, requestId: randomUUID(), sourceIp: null, userAgent: null },
    });
    ordinal.set(event.eventId, index + 1);
    return event;
  });
}

/** Writes events as the audit writer stores them, one after another. */
async function write(table: Awaited<ReturnType<typeof aTable>>, events: readonly PendingAuditEvent[]) {
  for (const event of events) await table.documents.send(new PutCommand({ TableName: table.tableName, Item: auditEventItem(event) }));
}

/** A handler that records each batch it is given and answers with `respond`. */
function aRecordingHandler(respond: (event: DynamoDBStreamEvent, call: number) => DynamoDBBatchResponse | void = () => undefined) {
  const batches: DynamoDBRecord[][] = [];
  const handler = async (event: DynamoDBStreamEvent) => {
    batches.push(event.Records);
    return respond(event, batches.length);
  };
  return { handler, batches, seqs: () => batches.map((records) => records.map(seqOf)) };
}

const seqOf = (record: DynamoDBRecord) => ordinal.get(auditEventOf(unmarshall(record.dynamodb!.NewImage as never)).eventId);

async function aPoller(options: Omit<StreamPollerOptions, 'endpoint' | 'filter' | 'logger'> & Partial<Pick<StreamPollerOptions, 'filter'>>) {
  const poller = await startStreamPoller({
    endpoint: endpoint(),
    filter: matchesAuditStreamFilter,
    pollIntervalMs: 50,
    maxBatchingWindowMs: 50,
    retryDelayMs: 20,
    logger: quiet,
    ...options,
  });
  running.push(poller);
  return poller;
}

describe('the local stream poller', () => {
  it('delivers new audit events in Lambda\'s record shape, in order, holding back what the filter refuses', async () => {
    // Prepare
    const table = await aTable();
    const tenantId = newId();
    const events = someEvents(tenantId, 4);
    const recorder = aRecordingHandler();
    const poller = await aPoller({ tableName: table.tableName, handler: recorder.handler });
    await write(table, events.slice(0, 2));
    await table.documents.send(new PutCommand({ TableName: table.tableName, Item: { ...keys.auditArchived(tenantId), entity: 'audit-archived', seq: 2 } }));
    await table.documents.send(
      new UpdateCommand({ TableName: table.tableName, Key: keys.auditEvent(tenantId, events[0]!.eventId), UpdateExpression: 'SET expiresAt = :now', ExpressionAttributeValues: { ':now': 1 } }),
    );
    await write(table, events.slice(2));

    // Act
    await poller.drain();

    // Assess
    const records = recorder.batches.flat();
    expect(records.map(seqOf)).toEqual([1, 2, 3, 4]);
    expect(records.map((record) => auditEventOf(unmarshall(record.dynamodb!.NewImage as never)))).toEqual(events);
    expect(records[0]).toEqual({
      eventID: expect.any(String),
      eventName: 'INSERT',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'us-east-1',
      eventSourceARN: table.streamArn,
      dynamodb: {
        ApproximateCreationDateTime: expect.any(Number),
        Keys: { pk: { S: keys.auditEvent(tenantId, events[0]!.eventId).pk }, sk: { S: keys.auditEvent(tenantId, events[0]!.eventId).sk } },
        NewImage: expect.objectContaining({ entity: { S: 'audit-event' }, eventId: { S: events[0]!.eventId } }),
        SequenceNumber: expect.stringMatching(/^\d+$/),
        SizeBytes: expect.any(Number),
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
    });
    expect(Math.abs(records[0]!.dynamodb!.ApproximateCreationDateTime! - Date.now() / 1000)).toBeLessThan(120);
  });

  it('delivers failed records again, from the lowest one the handler reports', async () => {
    // Prepare
    const table = await aTable();
    await write(table, someEvents(newId(), 5));
    const recorder = aRecordingHandler((event, call) =>
      call === 1 ? { batchItemFailures: [{ itemIdentifier: event.Records[3]!.dynamodb!.SequenceNumber! }, { itemIdentifier: event.Records[2]!.dynamodb!.SequenceNumber! }] } : { batchItemFailures: [] },
    );

    // Act
    const poller = await aPoller({ tableName: table.tableName, handler: recorder.handler });
    await poller.drain();

    // Assess
    expect(recorder.seqs()).toEqual([
      [1, 2, 3, 4, 5],
      [3, 4, 5],
    ]);
  });

  it('delivers the whole batch again when the handler throws, until it succeeds', async () => {
    // Prepare
    const table = await aTable();
    await write(table, someEvents(newId(), 3));
    const recorder = aRecordingHandler((_event, call) => {
      if (call <= 2) throw new Error('downstream unavailable');
    });

    // Act
    const poller = await aPoller({ tableName: table.tableName, handler: recorder.handler });
    await poller.drain();

    // Assess
    expect(recorder.seqs()).toEqual([
      [1, 2, 3],
      [1, 2, 3],
      [1, 2, 3],
    ]);
  });

  it('drains again when nothing was written since the last drain', async () => {
    // Prepare
    const table = await aTable();
    await write(table, someEvents(newId(), 2));
    const recorder = aRecordingHandler();
    const poller = await aPoller({ tableName: table.tableName, handler: recorder.handler });
    await poller.drain();
    await new Promise((resolve) => setTimeout(resolve, 200));

    // Act
    const drained = await Promise.race([poller.drain().then(() => 'drained'), new Promise((resolve) => setTimeout(() => resolve('still waiting'), 3_000))]);

    // Assess
    expect(drained).toBe('drained');
    expect(recorder.seqs().flat()).toEqual([1, 2]);
  });

  it('delivers batches of at most the batch size', async () => {
    // Prepare
    const table = await aTable();
    await write(table, someEvents(newId(), 5));
    const recorder = aRecordingHandler();

    // Act
    const poller = await aPoller({ tableName: table.tableName, handler: recorder.handler, batchSize: 2 });
    await poller.drain();

    // Assess
    expect(recorder.seqs()).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('picks up after a restart from its checkpoint, neither repeating nor skipping', async () => {
    // Prepare
    const table = await aTable();
    const checkpointFile = join(mkdtempSync(join(tmpdir(), 'poller-')), 'stream-checkpoint.json');
    const events = someEvents(newId(), 5);
    const before = aRecordingHandler();
    const first = await aPoller({ tableName: table.tableName, handler: before.handler, checkpointFile });
    await write(table, events.slice(0, 3));
    await first.drain();
    await first.stop();
    await write(table, events.slice(3));
    const after = aRecordingHandler();
    const fresh = aRecordingHandler();

    // Act
    const restarted = await aPoller({ tableName: table.tableName, handler: after.handler, checkpointFile });
    await restarted.drain();
    const withoutCheckpoint = await aPoller({ tableName: table.tableName, handler: fresh.handler });
    await withoutCheckpoint.drain();

    // Assess
    expect(before.seqs().flat()).toEqual([1, 2, 3]);
    expect(after.seqs().flat()).toEqual([4, 5]);
    expect(fresh.seqs().flat()).toEqual([1, 2, 3, 4, 5]);
  });

  it('refuses to drain once stopped', async () => {
    // Prepare
    const table = await aTable();
    const poller = await aPoller({ tableName: table.tableName, handler: aRecordingHandler().handler });
    await poller.stop();

    // Act + Assess
    await expect(poller.drain()).rejects.toThrow(/stopped/);
  });
});

describe('the local audit pipeline: the poller in front of the archive function, the timer in front of the digest function', () => {
  let s3rver: RunningEngine;
  const bucket = 'rapport-local-audit';
  const keyFile = join(mkdtempSync(join(tmpdir(), 'audit-keys-')), 'audit-signing.pem');

  beforeAll(async () => {
    s3rver = await startS3Local({ port: await freePort(), dataDir: mkdtempSync(join(tmpdir(), 's3rver-')), buckets: [bucket] });
  });
  afterAll(() => s3rver?.stop());

  it('archives and digests what the table\'s stream carries, into a trail that verifies', async () => {
    // Prepare: the functions' environment as the local stack sets it.
    const table = await aTable();
    Object.assign(process.env, {
      TABLE_NAME: table.tableName,
      AUDIT_BUCKET: bucket,
      AUDIT_SIGNING_KEY_FILE: keyFile,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: dynamodb.endpoint,
      AWS_ENDPOINT_URL_S3: s3rver.endpoint,
    });
    const archive = await import('../../../functions/audit/archive-stream');
    const digests = await import('../../../functions/audit/write-digests');
    const tenantId = newId();
    const events = someEvents(tenantId, 6);
    const poller = await aPoller({
      tableName: table.tableName,
      handler: (event) => archive.handler(event, lambdaContext('audit-archive-stream', 60_000)),
    });
    let digested = Promise.resolve();
    const timer = startDigestTimer({
      intervalMs: 50,
      run: () => (digested = digests.handler({}, lambdaContext('audit-write-digests', 60_000)).then(() => undefined)),
    });

    // Act
    await write(table, events.slice(0, 4));
    await poller.drain();
    await write(table, events.slice(4));
    await poller.drain();
    await new Promise((resolve) => setTimeout(resolve, 120));
    await timer.stop();
    await digested;

    // Assess
    const s3 = new S3Client({ ...localClientConfig(s3rver.endpoint), forcePathStyle: true });
    const verification = await verifyAuditTrail({
      s3,
      bucket,
      documents: table.documents,
      tableName: table.tableName,
      tenantId,
      from: new Date(Date.now() - 3_600_000),
      to: new Date(Date.now() + 3_600_000),
      publicKeyPem: await new LocalDigestSigner({ keyFile }).publicKeyPem(),
    });
    expect(verification).toMatchObject({ ok: true, checked: { events: 6 }, pendingObjects: 0, pendingEvents: 0, problems: [] });
    expect(verification.checked.digests).toBeGreaterThanOrEqual(1);
    const archived = [];
    for await (const event of readArchivedEvents({ s3, bucket, documents: table.documents, tableName: table.tableName, tenantId, from: new Date(Date.now() - 3_600_000), to: new Date() })) archived.push(event);
    expect(archived.map((event) => event.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(archived.map(pendingPart)).toEqual(events);
  });
});
