import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  createAuditArchiver,
  decodeEvents,
  encodeEventLines,
  eventsObjectKey,
  exportAuditEvidence,
  LocalDigestSigner,
  readArchivedEvents,
  verifyAuditTrail,
  type AuditLogger,
  type EvidenceLine,
} from '@rapport/audit';
import { keys } from '@rapport/data';
import { chainAuditEvent, newId, pendingPart, type AuditEvent, type PendingAuditEvent } from '@rapport/domain';
import { localClientConfig } from '@rapport/local';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { aPendingEvent, commitPendingEvents, integratedEventsInTable, streamRecordsOf } from '../support/audit-items';
import { createTestResources, type TestResources } from '../support/test-stack';

const silent: AuditLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };
// Verify needs a digest key; these trails have no digests, so any P-256 public key does.
const publicKeyPem = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();

let resources: TestResources;
let s3: S3Client;
let bucket: string;

beforeAll(async () => {
  resources = await createTestResources();
  s3 = aRealS3Client();
  bucket = `audit-${randomUUID()}`;
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
});

const aRealS3Client = () => new S3Client({ ...localClientConfig(resources.engines.s3), forcePathStyle: true });

const anIntegrator = (client: S3Client = s3, documents: DynamoDBDocumentClient = resources.documents) =>
  createAuditArchiver({ s3: client, bucket, documents, tableName: resources.tableName, logger: silent });

/** `count` events of a tenant committed by requests a minute apart on 10 March 2025, as the table holds them. */
async function committed(tenantId: string, count: number, startMinute = 0): Promise<PendingAuditEvent[]> {
  const events = Array.from({ length: count }, (_, index) => aPendingEvent(tenantId, new Date(Date.UTC(2025, 2, 10, 9, startMinute + index)).toISOString()));
  await commitPendingEvents(resources.documents, resources.tableName, events);
  return events;
}

/** What the chain should be: the events sequenced in event id order. */
function chained(events: readonly PendingAuditEvent[]): AuditEvent[] {
  const chain: AuditEvent[] = [];
  for (const event of [...events].sort((a, b) => a.eventId.localeCompare(b.eventId))) {
    const last = chain.at(-1);
    chain.push(chainAuditEvent(last ? { seq: last.seq, hash: last.hash } : null, event));
  }
  return chain;
}

const batch = (records: DynamoDBRecord[]): DynamoDBStreamEvent => ({ Records: records });

/** Interleaves two lists, as two tenants' writes land in one stream. */
const interleave = <T>(a: T[], b: T[]) => Array.from({ length: Math.max(a.length, b.length) }, (_, i) => [a[i], b[i]]).flat().filter((x): x is T => x !== undefined);

async function objectKeys(tenantId: string): Promise<string[]> {
  const { Contents = [] } = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `events/tenant=${tenantId}/` }));
  return Contents.map((object) => object.Key!).sort();
}

/** The events of the objects the table records as integrated, in seq order. */
async function archivedEvents(tenantId: string): Promise<AuditEvent[]> {
  const events: AuditEvent[] = [];
  for (const record of await objectRecords(tenantId)) {
    const { Body } = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: record.key as string }));
    events.push(...decodeEvents(record.key as string, Buffer.from(await Body!.transformToByteArray())));
  }
  return events;
}

const marker = async (tenantId: string) =>
  (await resources.documents.send(new GetCommand({ TableName: resources.tableName, Key: keys.auditArchived(tenantId), ConsistentRead: true }))).Item;

async function partition(tenantId: string, prefix: string) {
  const { Items = [] } = await resources.documents.send(
    new QueryCommand({
      TableName: resources.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.auditPartition(tenantId).pk, ':prefix': prefix },
      ConsistentRead: true,
    }),
  );
  return Items;
}
const objectRecords = (tenantId: string) => partition(tenantId, keys.auditObjectPrefix);
const attempts = (tenantId: string) => partition(tenantId, keys.auditAttemptPrefix);

const verify = (tenantId: string) =>
  verifyAuditTrail({ s3, bucket, documents: resources.documents, tableName: resources.tableName, tenantId, from: new Date('2025-03-10T00:00:00Z'), to: new Date('2025-03-10T23:59:59Z'), publicKeyPem });

/** Delivers `records` until none is reported for redelivery (Lambda redelivers from the first reported one). */
async function deliverUntilDone(records: DynamoDBRecord[], integrator = anIntegrator()) {
  let remaining = records;
  for (let delivery = 1; delivery <= 10 && remaining.length > 0; delivery++) {
    const { batchItemFailures } = await integrator.archive(batch(remaining));
    if (batchItemFailures.length === 0) return;
    const retryFrom = Math.min(...batchItemFailures.map(({ itemIdentifier }) => remaining.findIndex((record) => record.dynamodb!.SequenceNumber === itemIdentifier)));
    remaining = remaining.slice(retryFrom);
  }
  expect.fail('the records were still reported for redelivery after 10 deliveries');
}

/** Every committed event once in the archive, seqs 1..N without a gap, and the trail verifies. */
async function expectWholeChain(tenantId: string, events: readonly PendingAuditEvent[]) {
  const archived = await archivedEvents(tenantId);
  expect(archived.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
  expect(archived.map((event) => event.eventId).sort()).toEqual(events.map((event) => event.eventId).sort());
  expect(await integratedEventsInTable(resources.documents, resources.tableName, tenantId)).toEqual(archived);
  const verification = await verify(tenantId);
  expect(verification.problems).toEqual([]);
  expect(verification.ok).toBe(true);
}

describe('the audit integrator', () => {
  it('sequences each tenant\'s new events in event id order into one object per batch, and records it', async () => {
    // Prepare
    const [a, b] = [newId(), newId()];
    const eventsA = await committed(a, 3);
    const eventsB = await committed(b, 2);

    // Act: the stream may deliver a tenant's records out of id order.
    const result = await anIntegrator().archive(batch(streamRecordsOf(interleave([...eventsA].reverse(), eventsB))));

    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    const chainA = chained(eventsA);
    const keyA = eventsObjectKey(a, chainA[0]!.time, 1, 3, chainA[2]!.hash);
    expect(await objectKeys(a)).toEqual([keyA]);
    expect(keyA).toBe(`events/tenant=${a}/date=2025-03-10/000000000001-000000000003-${chainA[2]!.hash.slice(0, 16)}.jsonl.gz`);
    expect(await archivedEvents(a)).toEqual(chainA);
    expect(await archivedEvents(b)).toEqual(chained(eventsB));

    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: keyA }));
    expect(head.ContentType).toBe('application/x-ndjson');
    expect(head.ContentEncoding).toBe('gzip');
    expect(head.Metadata).toEqual({ 'first-seq': '1', 'last-seq': '3', 'chain-head': chainA[2]!.hash, 'event-count': '3' });

    expect(await marker(a)).toMatchObject({ seq: 3, hash: chainA[2]!.hash, objectKey: keyA });
    expect(await marker(b)).toMatchObject({ seq: 2 });
    expect(await objectRecords(a)).toEqual([
      expect.objectContaining({
        ...keys.auditObject(a, 1),
        ...keys.auditUndigested(a, 1),
        tenantId: a,
        key: keyA,
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        firstSeq: 1,
        lastSeq: 3,
        chainHead: chainA[2]!.hash,
        eventCount: 3,
        archivedAt: expect.any(String),
      }),
    ]);
    // The integrated form is in the table too, where the events list and proofs read it; no attempt is left.
    expect(await integratedEventsInTable(resources.documents, resources.tableName, a)).toEqual(chainA);
    expect(await attempts(a)).toEqual([]);
  });

  it('integrates nothing twice when the same batch is delivered again', async () => {
    // Prepare
    const tenant = newId();
    const records = streamRecordsOf(await committed(tenant, 4));
    await anIntegrator().archive(batch(records));
    const before = { keys: await objectKeys(tenant), marker: await marker(tenant) };

    // Act
    const result = await anIntegrator().archive(batch([...records, ...records]));

    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    expect(await objectKeys(tenant)).toEqual(before.keys);
    expect(await marker(tenant)).toEqual(before.marker);
    expect(await objectRecords(tenant)).toHaveLength(1);
  });

  it('integrates only the new events of a batch that overlaps what is integrated', async () => {
    // Prepare
    const tenant = newId();
    const events = await committed(tenant, 5);
    await anIntegrator().archive(batch(streamRecordsOf(events.slice(0, 3))));

    // Act
    await anIntegrator().archive(batch(streamRecordsOf(events)));

    // Assess
    expect((await objectRecords(tenant)).map((record) => [record.firstSeq, record.lastSeq])).toEqual([
      [1, 3],
      [4, 5],
    ]);
    await expectWholeChain(tenant, events);
  });

  it('integrates a late event after those already sequenced, whatever its id', async () => {
    // Prepare: the second event's record arrives only after the third is integrated.
    const tenant = newId();
    const [first, late, third] = await committed(tenant, 3);

    // Act
    await anIntegrator().archive(batch(streamRecordsOf([first!, third!])));
    await anIntegrator().archive(batch(streamRecordsOf([late!])));

    // Assess
    expect((await archivedEvents(tenant)).map((event) => [event.seq, event.eventId])).toEqual([
      [1, first!.eventId],
      [2, third!.eventId],
      [3, late!.eventId],
    ]);
    expect((await verify(tenant)).ok).toBe(true);
  });

  it('splits a batch too large for one transaction into several objects, one chain', async () => {
    // Prepare
    const tenant = newId();
    const events = await committed(tenant, 230);

    // Act
    const result = await anIntegrator().archive(batch(streamRecordsOf(events)));

    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    expect((await objectRecords(tenant)).map((record) => [record.firstSeq, record.lastSeq])).toEqual([
      [1, 97],
      [98, 194],
      [195, 230],
    ]);
    await expectWholeChain(tenant, events);
  });

  it('loses and duplicates nothing when S3 fails for one tenant mid-batch', async () => {
    // Prepare
    const [a, b] = [newId(), newId()];
    const eventsA = await committed(a, 4);
    const eventsB = await committed(b, 4);
    const records = streamRecordsOf(interleave(eventsA, eventsB));
    const real = aRealS3Client();
    const flaky = aRealS3Client();
    const mock = mockClient(flaky);
    let failedOnce = false;
    mock.on(PutObjectCommand).callsFake(async (input) => {
      if (input.Key.includes(`tenant=${b}/`) && !failedOnce) {
        failedOnce = true;
        throw Object.assign(new Error('We encountered an internal error. Please try again.'), { name: 'InternalError' });
      }
      return real.send(new PutObjectCommand(input));
    });
    mock.on(GetObjectCommand).callsFake((input) => real.send(new GetObjectCommand(input)));
    const firstOfB = records.find((record) => record.dynamodb!.NewImage!.tenantId!.S === b)!;

    // Act
    const first = await anIntegrator(flaky).archive(batch(records));
    const retried = await anIntegrator(flaky).archive(batch(records.slice(records.indexOf(firstOfB))));

    // Assess
    expect(first).toEqual({ batchItemFailures: [{ itemIdentifier: firstOfB.dynamodb!.SequenceNumber }] });
    expect(retried).toEqual({ batchItemFailures: [] });
    await expectWholeChain(a, eventsA);
    await expectWholeChain(b, eventsB);
    expect(await objectKeys(b)).toHaveLength(1);
  });

  it('finishes an integration that crashed after its object was put and before its commit, without a second object', async () => {
    // Prepare: the first delivery dies on its commit (the function timed out, say).
    const tenant = newId();
    const events = await committed(tenant, 5);
    let crashed = false;
    const crashing = {
      send: (command: object) => {
        if (command instanceof TransactWriteCommand && !crashed) {
          crashed = true;
          return Promise.reject(new Error('Task timed out after 30.00 seconds'));
        }
        return resources.documents.send(command as never);
      },
    } as unknown as DynamoDBDocumentClient;
    const first = await anIntegrator(s3, crashing).archive(batch(streamRecordsOf(events.slice(0, 3))));
    const leftBehind = await objectKeys(tenant);

    // Act: Lambda delivers the records again, and later ones with them.
    const retried = await anIntegrator().archive(batch(streamRecordsOf(events)));

    // Assess
    expect(first.batchItemFailures).toHaveLength(1);
    expect(leftBehind).toHaveLength(1);
    expect(retried).toEqual({ batchItemFailures: [] });
    expect((await objectRecords(tenant)).map((record) => record.key)).toEqual([leftBehind[0], expect.any(String)]);
    expect(await objectKeys(tenant)).toHaveLength(2);
    expect(await attempts(tenant)).toEqual([]);
    await expectWholeChain(tenant, events);
  });

  it('does not adopt an interrupted object whose events are not the table\'s pending ones', async () => {
    // Prepare: an attempt names an object that holds fabricated events sequenced from the start.
    const tenant = newId();
    const events = await committed(tenant, 3);
    const fabricated = chained([aPendingEvent(tenant, events[0]!.time), aPendingEvent(tenant, events[1]!.time)]);
    const planted = eventsObjectKey(tenant, fabricated[0]!.time, 1, 2, fabricated[1]!.hash);
    const body = encodeEventLines(fabricated);
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: planted, Body: body }));
    const { createHash } = await import('node:crypto');
    await resources.documents.send(
      new PutCommand({
        TableName: resources.tableName,
        Item: {
          ...keys.auditAttempt(tenant, 1, fabricated[1]!.hash),
          tenantId: tenant,
          key: planted,
          sha256: createHash('sha256').update(body).digest('hex'),
          firstSeq: 1,
          lastSeq: 2,
          chainHead: fabricated[1]!.hash,
          eventCount: 2,
          archivedAt: new Date().toISOString(),
        },
      }),
    );

    // Act
    const result = await anIntegrator().archive(batch(streamRecordsOf(events)));

    // Assess: the real events are integrated on their own; the planted object is only an attempt that lost.
    expect(result).toEqual({ batchItemFailures: [] });
    expect((await objectRecords(tenant)).map((record) => record.key)).not.toContain(planted);
    await expectWholeChain(tenant, events);
    expect((await verify(tenant)).supersededObjects).toBe(1);
    // The lost attempt starts at seq 1 like the chain's object: reads and exports take the chain's.
    const period = { s3, bucket, documents: resources.documents, tableName: resources.tableName, tenantId: tenant, from: new Date('2025-03-10T00:00:00Z'), to: new Date('2025-03-11T00:00:00Z') };
    const read: AuditEvent[] = [];
    for await (const event of readArchivedEvents(period)) read.push(event);
    expect(read).toEqual(chained(events));
    const exported: EvidenceLine[] = [];
    for await (const line of exportAuditEvidence({ ...period, signer: new LocalDigestSigner({ keyFile: join(tmpdir(), `digest-${randomUUID()}.pem`) }) })) exported.push(line);
    expect(exported.filter((line) => line.type === 'object').map((line) => line.key)).toEqual((await objectRecords(tenant)).map((record) => record.key));
  });

  it('keeps one chain when two integrators take one tenant\'s records from different shards at once', async () => {
    // Prepare: the tenant's records split over two shards, out of order on each.
    const tenant = newId();
    const events = await committed(tenant, 40);
    const shardA = streamRecordsOf(events.filter((_, index) => index % 2 === 0).reverse());
    const shardB = streamRecordsOf(events.filter((_, index) => index % 2 === 1));

    // Act: each shard's invocations run at the same time as the other's, and redeliver what they report.
    await Promise.all([
      deliverUntilDone(shardA.slice(0, 10)).then(() => deliverUntilDone(shardA.slice(10))),
      deliverUntilDone(shardB.slice(0, 10)).then(() => deliverUntilDone(shardB.slice(10))),
      deliverUntilDone(shardB),
    ]);

    // Assess
    await expectWholeChain(tenant, events);
    // Every object an outrun integrator put is named by its attempt; an attempt may also name an
    // object never put (its integrator was outrun between the two), so there can be more attempts.
    expect((await attempts(tenant)).length).toBeGreaterThanOrEqual((await verify(tenant)).supersededObjects);
  });

  it('ignores records that are not new audit events, and reports malformed ones', async () => {
    // Prepare
    const tenant = newId();
    const [record] = streamRecordsOf(await committed(tenant, 1));
    const modified = { ...record!, eventName: 'MODIFY' as const };
    const contact = { ...record!, dynamodb: { ...record!.dynamodb, NewImage: { ...record!.dynamodb!.NewImage, entity: { S: 'contact' } } } };
    const malformed = { ...record!, dynamodb: { ...record!.dynamodb, SequenceNumber: '9'.repeat(21), NewImage: { entity: { S: 'audit-event' }, tenantId: { S: tenant } } } };

    // Act
    const result = await anIntegrator().archive(batch([modified, contact, malformed]));

    // Assess
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: '9'.repeat(21) }] });
    expect(await objectKeys(tenant)).toEqual([]);
    expect(await marker(tenant)).toBeUndefined();
  });

  it('takes an event from its stream record as written, whatever seq or hash the image claims', async () => {
    // Prepare: an image that claims to be sequenced already (it never is on INSERT).
    const tenant = newId();
    const [event] = await committed(tenant, 1);
    const claimed = { ...pendingPart(event!), seq: 7, prevHash: 'a'.repeat(64), hash: 'b'.repeat(64) } as AuditEvent;

    // Act
    await anIntegrator().archive(batch(streamRecordsOf([claimed])));

    // Assess
    await expectWholeChain(tenant, [event!]);
  });
});
