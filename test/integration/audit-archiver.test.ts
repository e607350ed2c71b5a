import { CreateBucketCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { createAuditArchiver, decodeEvents, encodeEventLines, eventsObjectKey, type AuditLogger } from '@rapport/audit';
import { auditEventItem, keys } from '@rapport/data';
import { newId, sealAuditEvent, type AuditEvent, type ChainHead } from '@rapport/domain';
import { localClientConfig } from '@rapport/local';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestResources, type TestResources } from '../support/test-stack';

const silent: AuditLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

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

const anArchiver = (client: S3Client = s3) =>
  createAuditArchiver({ s3: client, bucket, documents: resources.documents, tableName: resources.tableName, logger: silent });

/** `count` events continuing `head` (a tenant's first events without one), a minute apart, sealed as the writer seals them. */
function aChain(tenantId: string, count: number, head: ChainHead | null = null): AuditEvent[] {
  const events: AuditEvent[] = [];
  for (let index = 0; index < count; index++) {
    const seq = (head?.seq ?? 0) + 1;
    const event = sealAuditEvent(head, {
      tenantId,
      eventId: newId(),
      time: new Date(Date.UTC(2025, 2, 10, 9, seq)).toISOString(),
      entry: { action: 'contact.updated', target: { type: 'contact', id: newId() }, outcome: 'success', changedFields: ['title'] },
      context: { actor: { userId: newId(), role: 'owner' }, requestId: randomUUID(), sourceIp: '203.0.113.7', userAgent: 'vitest' },
    });
    events.push(event);
    head = { seq: event.seq, hash: event.hash };
  }
  return events;
}

let streamSequence = 0;

/** The stream records DynamoDB delivers for these events' items, in order. */
function recordsOf(events: readonly AuditEvent[]): DynamoDBRecord[] {
  return events.map((event) => ({
    eventID: randomUUID(),
    eventName: 'INSERT',
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'us-east-1',
    eventSourceARN: 'arn:aws:dynamodb:us-east-1:000000000000:table/test/stream/2025-03-10T00:00:00.000',
    dynamodb: {
      Keys: marshall(keys.auditEvent(event.tenantId, event.seq)) as never,
      NewImage: marshall(auditEventItem(event), { removeUndefinedValues: true }) as never,
      SequenceNumber: String(++streamSequence).padStart(21, '0'),
      SizeBytes: 512,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
      ApproximateCreationDateTime: Math.floor(Date.parse(event.time) / 1000),
    },
  }));
}

const batch = (records: DynamoDBRecord[]): DynamoDBStreamEvent => ({ Records: records });

/** Interleaves two lists, as two tenants' writes land in one stream. */
const interleave = <T>(a: T[], b: T[]) => Array.from({ length: Math.max(a.length, b.length) }, (_, i) => [a[i], b[i]]).flat().filter((x): x is T => x !== undefined);

async function objectKeys(tenantId: string): Promise<string[]> {
  const { Contents = [] } = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `events/tenant=${tenantId}/` }));
  return Contents.map((object) => object.Key!);
}

async function archivedEvents(tenantId: string): Promise<AuditEvent[]> {
  const events: AuditEvent[] = [];
  for (const key of await objectKeys(tenantId)) {
    const { Body } = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    events.push(...decodeEvents(key, Buffer.from(await Body!.transformToByteArray())));
  }
  return events;
}

const marker = async (tenantId: string) =>
  (await resources.documents.send(new GetCommand({ TableName: resources.tableName, Key: keys.auditArchived(tenantId), ConsistentRead: true }))).Item;

async function undigestedRecords(tenantId: string) {
  const { Items = [] } = await resources.documents.send(
    new QueryCommand({ TableName: resources.tableName, IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :pk', ExpressionAttributeValues: { ':pk': keys.auditUndigested().gsi2pk } }),
  );
  return Items.filter((item) => item.tenantId === tenantId);
}

describe('the audit archiver', () => {
  it('writes one gzip JSON Lines object per tenant per batch, records it and moves each marker', async () => {
    // Prepare
    const [a, b] = [newId(), newId()];
    const eventsA = aChain(a, 3);
    const eventsB = aChain(b, 2);

    // Act
    const result = await anArchiver().archive(batch(recordsOf(interleave(eventsA, eventsB))));

    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    const keyA = eventsObjectKey(a, eventsA[0]!.time, 1, 3);
    expect(await objectKeys(a)).toEqual([keyA]);
    expect(await objectKeys(b)).toEqual([eventsObjectKey(b, eventsB[0]!.time, 1, 2)]);
    expect(keyA).toBe(`events/tenant=${a}/date=2025-03-10/000000000001-000000000003.jsonl.gz`);
    expect(await archivedEvents(a)).toEqual(eventsA);
    expect(await archivedEvents(b)).toEqual(eventsB);

    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: keyA }));
    expect(head.ContentType).toBe('application/x-ndjson');
    expect(head.ContentEncoding).toBe('gzip');
    expect(head.Metadata).toEqual({ 'first-seq': '1', 'last-seq': '3', 'chain-head': eventsA[2]!.hash, 'event-count': '3' });

    expect(await marker(a)).toMatchObject({ seq: 3, hash: eventsA[2]!.hash, objectKey: keyA });
    expect(await marker(b)).toMatchObject({ seq: 2, hash: eventsB[1]!.hash });
    const [record] = await undigestedRecords(a);
    expect(record).toMatchObject({
      ...keys.auditObject(a, 1),
      ...keys.auditUndigested(a, 1),
      tenantId: a,
      key: keyA,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      firstSeq: 1,
      lastSeq: 3,
      chainHead: eventsA[2]!.hash,
      eventCount: 3,
      archivedAt: expect.any(String),
    });
  });

  it('archives nothing twice when the same batch is delivered again', async () => {
    // Prepare
    const tenant = newId();
    const records = recordsOf(aChain(tenant, 4));
    await anArchiver().archive(batch(records));
    const before = { keys: await objectKeys(tenant), marker: await marker(tenant) };

    // Act
    const result = await anArchiver().archive(batch(records));

    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    expect(await objectKeys(tenant)).toEqual(before.keys);
    expect(await marker(tenant)).toEqual(before.marker);
    expect(await undigestedRecords(tenant)).toHaveLength(1);
  });

  it('archives only the new events of a batch that overlaps what is archived', async () => {
    // Prepare
    const tenant = newId();
    const events = aChain(tenant, 5);
    await anArchiver().archive(batch(recordsOf(events.slice(0, 3))));

    // Act
    await anArchiver().archive(batch(recordsOf(events)));

    // Assess
    expect((await objectKeys(tenant)).map((key) => key.split('/').at(-1))).toEqual(['000000000001-000000000003.jsonl.gz', '000000000004-000000000005.jsonl.gz']);
    expect(await archivedEvents(tenant)).toEqual(events);
  });

  it('loses and duplicates nothing when S3 fails for one tenant mid-batch', async () => {
    // Prepare
    const [a, b] = [newId(), newId()];
    const eventsA = aChain(a, 4);
    const eventsB = aChain(b, 4);
    const records = recordsOf(interleave(eventsA, eventsB));
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
    mock.on(ListObjectsV2Command).callsFake((input) => real.send(new ListObjectsV2Command(input)));
    mock.on(GetObjectCommand).callsFake((input) => real.send(new GetObjectCommand(input)));
    const firstOfB = records.find((record) => record.dynamodb!.NewImage!.tenantId!.S === b)!;

    // Act
    const first = await anArchiver(flaky).archive(batch(records));
    const retried = await anArchiver(flaky).archive(batch(records.slice(records.indexOf(firstOfB))));

    // Assess
    expect(first).toEqual({ batchItemFailures: [{ itemIdentifier: firstOfB.dynamodb!.SequenceNumber }] });
    expect(retried).toEqual({ batchItemFailures: [] });
    expect(await archivedEvents(a)).toEqual(eventsA);
    expect(await archivedEvents(b)).toEqual(eventsB);
    expect(await objectKeys(a)).toHaveLength(1);
    expect(await objectKeys(b)).toHaveLength(1);
    expect(await marker(b)).toMatchObject({ seq: 4 });
  });

  it('refuses events after a gap, archiving those before it and naming the first one after', async () => {
    // Prepare
    const tenant = newId();
    const events = aChain(tenant, 6);
    const records = recordsOf(events.filter((event) => event.seq !== 4));

    // Act
    const result = await anArchiver().archive(batch(records));

    // Assess
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: records[3]!.dynamodb!.SequenceNumber }] });
    expect(await archivedEvents(tenant)).toEqual(events.slice(0, 3));
    expect(await marker(tenant)).toMatchObject({ seq: 3 });
  });

  it('refuses a first event that does not follow the archived marker', async () => {
    // Prepare
    const tenant = newId();
    const events = aChain(tenant, 5);
    await anArchiver().archive(batch(recordsOf(events.slice(0, 2))));
    const records = recordsOf(events.slice(3));

    // Act
    const result = await anArchiver().archive(batch(records));

    // Assess
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: records[0]!.dynamodb!.SequenceNumber }]);
    expect(await marker(tenant)).toMatchObject({ seq: 2 });
    expect(await objectKeys(tenant)).toHaveLength(1);
  });

  it('refuses an event whose hash does not match its content, and one whose prevHash does not link', async () => {
    // Prepare
    const [altered, unlinked] = [newId(), newId()];
    const alteredEvents = aChain(altered, 3);
    alteredEvents[1] = { ...alteredEvents[1]!, outcome: 'denied' };
    const unlinkedEvents = [...aChain(unlinked, 1), ...aChain(unlinked, 1, { seq: 1, hash: 'f'.repeat(64) })];
    const records = recordsOf([...alteredEvents, ...unlinkedEvents]);

    // Act
    const result = await anArchiver().archive(batch(records));

    // Assess
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: records[1]!.dynamodb!.SequenceNumber }, { itemIdentifier: records[4]!.dynamodb!.SequenceNumber }]);
    expect(await marker(altered)).toMatchObject({ seq: 1 });
    expect(await marker(unlinked)).toMatchObject({ seq: 1 });
  });

  it('lets only one of two concurrent archivers advance a marker', async () => {
    // Prepare
    const tenant = newId();
    const events = aChain(tenant, 3);
    const records = recordsOf(events);

    // Act
    const results = await Promise.all([anArchiver().archive(batch(records)), anArchiver().archive(batch(records))]);
    const redelivered = await Promise.all(
      results.filter((result) => result.batchItemFailures.length > 0).map(() => anArchiver().archive(batch(records))),
    );

    // Assess
    expect(results.filter((result) => result.batchItemFailures.length === 0).length).toBeGreaterThanOrEqual(1);
    for (const result of redelivered) expect(result).toEqual({ batchItemFailures: [] });
    expect(await archivedEvents(tenant)).toEqual(events);
    expect(await undigestedRecords(tenant)).toHaveLength(1);
  });

  it('records an object left by an interrupted archive instead of writing its events again', async () => {
    // Prepare: the archive wrote events 1–3 to S3 and stopped before recording them.
    const tenant = newId();
    const events = aChain(tenant, 5);
    const leftBehind = eventsObjectKey(tenant, events[0]!.time, 1, 3);
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: leftBehind, Body: encodeEventLines(events.slice(0, 3)) }));

    // Act
    const result = await anArchiver().archive(batch(recordsOf(events)));

    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    expect(await objectKeys(tenant)).toEqual([leftBehind, eventsObjectKey(tenant, events[3]!.time, 4, 5)]);
    expect(await archivedEvents(tenant)).toEqual(events);
    expect((await undigestedRecords(tenant)).map((record) => record.key)).toEqual([leftBehind, eventsObjectKey(tenant, events[3]!.time, 4, 5)]);
  });

  it('does not record an unrecorded object whose content is not the events it is named for', async () => {
    // Prepare: someone placed fabricated events where an interrupted archive's object would be.
    const tenant = newId();
    const events = aChain(tenant, 5);
    const planted = eventsObjectKey(tenant, events[0]!.time, 1, 3);
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: planted, Body: encodeEventLines(aChain(tenant, 3)) }));

    // Act
    const result = await anArchiver().archive(batch(recordsOf(events)));

    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    expect(await marker(tenant)).toMatchObject({ seq: 5, objectKey: eventsObjectKey(tenant, events[0]!.time, 1, 5) });
    expect((await undigestedRecords(tenant)).map((record) => record.key)).toEqual([eventsObjectKey(tenant, events[0]!.time, 1, 5)]);
  });

  it('ignores records that are not new audit events', async () => {
    // Prepare
    const tenant = newId();
    const [record] = recordsOf(aChain(tenant, 1));
    const modified = { ...record!, eventName: 'MODIFY' as const };
    const contact = { ...record!, dynamodb: { ...record!.dynamodb, NewImage: { ...record!.dynamodb!.NewImage, entity: { S: 'contact' } } } };

    // Act
    const result = await anArchiver().archive(batch([modified, contact]));

    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    expect(await objectKeys(tenant)).toEqual([]);
    expect(await marker(tenant)).toBeUndefined();
  });
});
