import { CreateBucketCommand, DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  createAuditArchiver,
  createDigestWriter,
  DigestRunError,
  encodeEventLines,
  LocalDigestSigner,
  MAX_OBJECTS_PER_DIGEST,
  readArchivedEvents,
  verifyAuditTrail,
  type AuditLogger,
  type AuditProblem,
  type SignedDigest,
} from '@rapport/audit';
import { keys } from '@rapport/data';
import { newId, pendingAuditEvent, sealAuditEvent, type AuditEvent, type ChainHead, type PendingAuditEvent } from '@rapport/domain';
import { localClientConfig } from '@rapport/local';
import canonicalize from 'canonicalize';
import { createHash, randomUUID, verify } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { commitPendingEvents, integratedEventsInTable, streamRecordsOf } from '../support/audit-items';
import { createTestResources, type TestResources } from '../support/test-stack';

const silent: AuditLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

let resources: TestResources;
let s3: S3Client;
let bucket: string;
let signer: LocalDigestSigner;
let publicKeyPem: string;

beforeAll(async () => {
  resources = await createTestResources();
  s3 = new S3Client({ ...localClientConfig(resources.engines.s3), forcePathStyle: true });
  bucket = `audit-${randomUUID()}`;
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  signer = new LocalDigestSigner({ keyFile: join(mkdtempSync(join(tmpdir(), 'audit-keys-')), 'audit-signing.pem') });
  publicKeyPem = await signer.publicKeyPem();
});

const table = () => ({ documents: resources.documents, tableName: resources.tableName });
const archiver = () => createAuditArchiver({ s3, bucket, ...table(), logger: silent });
const digestWriter = (logger: AuditLogger = silent) => createDigestWriter({ s3, bucket, ...table(), signer, logger });

/** Ten minutes apart from 23:40 on 9 March (UTC): events 3 onwards fall on 10 March. */
const timeOf = (seq: number) => new Date(Date.UTC(2025, 2, 9, 23, 30) + seq * 600_000).toISOString();
const MARCH_10 = { from: new Date('2025-03-10T00:00:00Z'), to: new Date('2025-03-10T23:59:59.999Z') };

function aChain(tenantId: string, count: number, head: ChainHead | null = null, actors = [newId(), newId()]): AuditEvent[] {
  const events: AuditEvent[] = [];
  for (let index = 0; index < count; index++) {
    const seq = (head?.seq ?? 0) + 1;
    const event = sealAuditEvent(head, {
      tenantId,
      eventId: newId(),
      time: timeOf(seq),
      entry: { action: seq % 3 === 0 ? 'contact.deleted' : 'contact.updated', target: { type: 'contact', id: `C${seq % 4}` }, outcome: 'success' },
      context: { actor: { userId: actors[seq % 2]!, role: 'owner' }, requestId: randomUUID(), sourceIp: null, userAgent: null },
    });
    events.push(event);
    head = { seq: event.seq, hash: event.hash };
  }
  return events;
}

/** `count` events as requests commit them (pending), the n-th at `timeOf(n)`, the same actors taking turns. */
async function committed(tenantId: string, count: number, actors = [newId(), newId()]): Promise<PendingAuditEvent[]> {
  const events = Array.from({ length: count }, (_, index) => {
    const seq = index + 1;
    return pendingAuditEvent({
      tenantId,
      eventId: newId(),
      time: timeOf(seq),
      entry: { action: seq % 3 === 0 ? 'contact.deleted' : 'contact.updated', target: { type: 'contact', id: `C${seq % 4}` }, outcome: 'success' },
      context: { actor: { userId: actors[seq % 2]!, role: 'owner' }, requestId: randomUUID(), sourceIp: null, userAgent: null },
    });
  });
  await commitPendingEvents(resources.documents, resources.tableName, events);
  return events;
}

/**
 * Runs the digest job over the shared table for one test's tenant. Tenants of other tests whose
 * archives those tests tampered fail their checkpoints on every run (as they should); only a
 * failure of this tenant fails this test.
 */
async function digestsFor(tenantId: string, logger?: AuditLogger) {
  try {
    return await digestWriter(logger).writeDigests();
  } catch (error) {
    if (!(error instanceof DigestRunError)) throw error;
    const { failedTenants, digestsWritten } = error.details as { failedTenants: string[]; digestsWritten: number };
    if (failedTenants.includes(tenantId)) throw error;
    return { digests: digestsWritten, checkpoints: 0 };
  }
}

/** Integrates the events' stream records in one batch. */
async function archive(events: readonly PendingAuditEvent[]) {
  const result = await archiver().archive({ Records: streamRecordsOf(events) });
  expect(result.batchItemFailures).toEqual([]);
}

interface Trail {
  tenantId: string;
  events: AuditEvent[];
  /** Events objects in seq order: 1–4 (dated 9 March), 5–8, 9–12 and, not yet digested, 13–14. */
  objects: string[];
  /** Digests in order: over 1–8, then over 9–12. */
  digests: string[];
}

/** A tenant's trail as the integrator and digest writer leave it, spanning midnight (`digested: false`: before any digest). */
async function aTrail(tenantId = newId(), { digested = true } = {}): Promise<Trail> {
  const events = await committed(tenantId, 14);
  await archive(events.slice(0, 4));
  await archive(events.slice(4, 8));
  if (digested) await digestsFor(tenantId);
  await archive(events.slice(8, 12));
  if (digested) await digestsFor(tenantId);
  await archive(events.slice(12));
  return {
    tenantId,
    events: await integratedEventsInTable(resources.documents, resources.tableName, tenantId),
    objects: await list(`events/tenant=${tenantId}/`),
    digests: await list(`digests/tenant=${tenantId}/`),
  };
}

async function list(prefix: string): Promise<string[]> {
  const { Contents = [] } = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
  return Contents.map((object) => object.Key!).sort();
}

async function read(key: string): Promise<Buffer> {
  const { Body } = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return Buffer.from(await Body!.transformToByteArray());
}

/** Rewrites an events object in place, as someone with write access to the bucket could: gunzip, edit the lines, gzip. */
async function tamper(key: string, edit: (lines: string[]) => string[]) {
  const lines = gunzipSync(await read(key)).toString('utf8').split('\n').filter(Boolean);
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: gzipSync(`${edit(lines).join('\n')}\n`) }));
}

const verifyMarch10 = (tenantId: string) => verifyAuditTrail({ s3, bucket, ...table(), tenantId, ...MARCH_10, publicKeyPem });
const named = (problems: AuditProblem[]) =>
  problems.map(({ kind, event, eventId, object }) => ({
    kind,
    ...(event === undefined ? {} : { event }),
    ...(eventId === undefined ? {} : { eventId }),
    ...(object === undefined ? {} : { object }),
  }));

describe('the digest writer', () => {
  it('signs a digest over the undigested objects, links the next one to it and takes them off the index', async () => {
    // Prepare
    const trail = await aTrail();

    // Act
    const [first, second] = await Promise.all(trail.digests.map(async (key) => JSON.parse((await read(key)).toString('utf8')) as SignedDigest));

    // Assess
    expect(trail.digests).toEqual([`digests/tenant=${trail.tenantId}/000000000001-000000000008.json`, `digests/tenant=${trail.tenantId}/000000000009-000000000012.json`]);
    expect(first).toMatchObject({ version: 1, tenantId: trail.tenantId, firstSeq: 1, lastSeq: 8, previousDigest: null });
    expect(first!.objects).toEqual([
      { key: trail.objects[0], sha256: expect.any(String), firstSeq: 1, lastSeq: 4, chainHead: trail.events[3]!.hash },
      { key: trail.objects[1], sha256: expect.any(String), firstSeq: 5, lastSeq: 8, chainHead: trail.events[7]!.hash },
    ]);
    expect(second!.previousDigest).toEqual({ key: trail.digests[0], sha256: createHashOf(await read(trail.digests[0]!)) });
    const { signature, ...body } = second!;
    expect(signature).toMatchObject({ algorithm: 'ECDSA_SHA_256', keyId: signer.keyId });
    expect(verify('sha256', Buffer.from(canonicalize(body)!), publicKeyPem, Buffer.from(signature.value, 'base64'))).toBe(true);

    const digested = await resources.documents.send(new GetCommand({ TableName: resources.tableName, Key: keys.auditDigested(trail.tenantId), ConsistentRead: true }));
    expect(digested.Item).toMatchObject({ lastSeq: 12, key: trail.digests[1] });
    const pending = await undigested(trail.tenantId);
    expect(pending.map((item) => item.firstSeq)).toEqual([13]);
  });

  it('splits a long backlog into linked digests that each fit one transaction', async () => {
    // Prepare
    const tenantId = newId();
    const events = await committed(tenantId, MAX_OBJECTS_PER_DIGEST + 2);
    for (const event of events) await archive([event]);

    // Act
    const result = await digestsFor(tenantId);

    // Assess
    expect(result.digests).toBeGreaterThanOrEqual(2);
    expect(await list(`digests/tenant=${tenantId}/`)).toEqual([
      `digests/tenant=${tenantId}/000000000001-${String(MAX_OBJECTS_PER_DIGEST).padStart(12, '0')}.json`,
      `digests/tenant=${tenantId}/${String(MAX_OBJECTS_PER_DIGEST + 1).padStart(12, '0')}-${String(MAX_OBJECTS_PER_DIGEST + 2).padStart(12, '0')}.json`,
    ]);
    expect(await undigested(tenantId)).toEqual([]);
    const verification = await verifyAuditTrail({ s3, bucket, ...table(), tenantId, from: new Date('2025-03-09T00:00:00Z'), to: new Date('2025-03-11T00:00:00Z'), publicKeyPem });
    expect(verification).toMatchObject({ ok: true, checked: { objects: MAX_OBJECTS_PER_DIGEST + 2, digests: 2 } });
    // A hundred integrations, one after another, each a handful of round trips to the local engines.
  }, 120_000);

  it('skips, and logs, a tenant whose undigested objects do not continue its digests', async () => {
    // Prepare
    const tenantId = newId();
    const events = await committed(tenantId, 8);
    await archive(events.slice(0, 4));
    await archive(events.slice(4));
    // The record of objects 1–4 is lost from the index: what is left starts at seq 5.
    await resources.documents.send(new UpdateCommand({ TableName: resources.tableName, Key: keys.auditObject(tenantId, 1), UpdateExpression: 'REMOVE gsi2pk, gsi2sk' }));
    const logger = { ...silent, warn: vi.fn() };

    // Act
    await digestsFor(tenantId, logger);

    // Assess
    expect(await list(`digests/tenant=${tenantId}/`)).toEqual([]);
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('tenant skipped'), expect.objectContaining({ tenantId, expectedSeq: 1, firstPendingSeq: 5 }));
    expect((await undigested(tenantId)).map((item) => item.firstSeq)).toEqual([5]);
  });
});

describe('verifyAuditTrail', () => {
  it('finds a clean trail intact, counting only the range\'s events and the undigested object as pending', async () => {
    // Prepare
    const trail = await aTrail();

    // Act
    const result = await verifyMarch10(trail.tenantId);

    // Assess
    expect(result).toEqual({ ok: true, checked: { events: 12, objects: 4, digests: 2 }, pendingObjects: 1, pendingEvents: 0, supersededObjects: 0, problems: [] });
  });

  it('names a deleted event line as missing', async () => {
    // Prepare
    const trail = await aTrail();
    await tamper(trail.objects[1]!, (lines) => lines.filter((line) => JSON.parse(line).seq !== 6));

    // Act
    const result = await verifyMarch10(trail.tenantId);

    // Assess
    expect(result.ok).toBe(false);
    expect(named(result.problems)).toEqual([
      { kind: 'object_altered', object: trail.objects[1] },
      { kind: 'event_missing', event: 6, object: trail.objects[1] },
    ]);
  });

  it('names an edited event as altered', async () => {
    // Prepare
    const trail = await aTrail();
    await tamper(trail.objects[2]!, (lines) => lines.map((line) => (JSON.parse(line).seq === 10 ? JSON.stringify({ ...JSON.parse(line), outcome: 'denied' }) : line)));

    // Act
    const result = await verifyMarch10(trail.tenantId);

    // Assess
    expect(named(result.problems)).toEqual([
      { kind: 'object_altered', object: trail.objects[2] },
      { kind: 'event_altered', event: 10, object: trail.objects[2] },
    ]);
  });

  it('names swapped events as reordered', async () => {
    // Prepare
    const trail = await aTrail();
    await tamper(trail.objects[1]!, ([five, six, ...rest]) => [six!, five!, ...rest]);

    // Act
    const result = await verifyMarch10(trail.tenantId);

    // Assess
    expect(named(result.problems)).toEqual([
      { kind: 'object_altered', object: trail.objects[1] },
      { kind: 'event_reordered', event: 5, object: trail.objects[1] },
    ]);
  });

  it('names a fabricated event as inserted, even one hashed and linked like the real ones', async () => {
    // Prepare
    const trail = await aTrail();
    const [, , , four] = trail.events;
    const fabricated = sealAuditEvent({ seq: four!.seq, hash: four!.hash }, {
      tenantId: trail.tenantId,
      eventId: newId(),
      time: timeOf(5),
      entry: { action: 'contact.pii_read', target: { type: 'contact', id: 'C1' }, outcome: 'success' },
      context: { actor: { userId: newId(), role: 'owner' }, requestId: randomUUID(), sourceIp: null, userAgent: null },
    });
    await tamper(trail.objects[1]!, (lines) => [JSON.stringify(fabricated), ...lines]);

    // Act
    const result = await verifyMarch10(trail.tenantId);

    // Assess
    expect(named(result.problems)).toEqual([
      { kind: 'object_altered', object: trail.objects[1] },
      { kind: 'event_inserted', event: 5, object: trail.objects[1] },
    ]);
  });

  it('names a deleted object as missing, and the events it held', async () => {
    // Prepare
    const trail = await aTrail();
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: trail.objects[1] }));

    // Act
    const result = await verifyMarch10(trail.tenantId);

    // Assess
    expect(named(result.problems)).toEqual([
      { kind: 'object_missing', object: trail.objects[1] },
      { kind: 'event_missing', event: 5 },
    ]);
    expect(result.problems[1]!.detail).toBe('events 5–8 are missing');
  });

  it('names an object replaced with other content as altered', async () => {
    // Prepare
    const trail = await aTrail();
    const impostor = aChain(trail.tenantId, 4, { seq: 4, hash: trail.events[3]!.hash });
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: trail.objects[1], Body: encodeEventLines(impostor) }));

    // Act
    const result = await verifyMarch10(trail.tenantId);

    // Assess
    expect(result.ok).toBe(false);
    expect(named(result.problems)).toContainEqual({ kind: 'object_altered', object: trail.objects[1] });
    // The impostor links from event 4 and hashes correctly, but event 9 links to the real event 8.
    expect(named(result.problems)).toContainEqual({ kind: 'event_inserted', event: 8, object: trail.objects[1] });
  });

  it('names a forged digest as invalid, and the digest after it as no longer linked', async () => {
    // Prepare
    const trail = await aTrail();
    const digest = JSON.parse((await read(trail.digests[0]!)).toString('utf8')) as SignedDigest;
    digest.objects[1]!.sha256 = '0'.repeat(64);
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: trail.digests[0], Body: JSON.stringify(digest) }));

    // Act
    const result = await verifyMarch10(trail.tenantId);

    // Assess
    expect(named(result.problems)).toEqual([
      { kind: 'digest_invalid', object: trail.digests[0] },
      { kind: 'digest_chain_broken', object: trail.digests[1] },
    ]);
    expect(result.problems[0]!.detail).toBe('its signature does not verify');
  });

  it('names an object no digest lists, though older than the last digest', async () => {
    // Prepare
    const trail = await aTrail();
    const extra = trail.objects[1]!.replace('000000000005-000000000008', '000000000005-000000000006');
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: extra, Body: encodeEventLines(trail.events.slice(4, 6)) }));

    // Act
    const result = await verifyMarch10(trail.tenantId);

    // Assess
    expect(named(result.problems)).toEqual([{ kind: 'object_unlisted', object: extra }]);
  });

  it('names a deleted newest digest when told which digest is the latest', async () => {
    // Prepare
    const trail = await aTrail();
    const digested = await resources.documents.send(new GetCommand({ TableName: resources.tableName, Key: keys.auditDigested(trail.tenantId), ConsistentRead: true }));
    const latestDigest = { key: digested.Item!.key as string, sha256: digested.Item!.sha256 as string };
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: latestDigest.key }));

    // Act
    const unanchored = await verifyMarch10(trail.tenantId);
    const anchored = await verifyAuditTrail({ s3, bucket, ...table(), tenantId: trail.tenantId, ...MARCH_10, publicKeyPem, latestDigest });

    // Assess: alone, the bucket cannot tell a deleted digest from one not yet written.
    expect(unanchored.ok).toBe(true);
    expect(named(anchored.problems)).toEqual([{ kind: 'digest_chain_broken', object: latestDigest.key }]);
  });

  it('names a deleted object before any digest lists it, even the first object of the chain', async () => {
    // Prepare: integrated, never digested.
    const trail = await aTrail(newId(), { digested: false });
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: trail.objects[0] }));
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: trail.objects[3] }));

    // Act
    const result = await verifyAuditTrail({ s3, bucket, ...table(), tenantId: trail.tenantId, from: new Date('2025-03-09T00:00:00Z'), to: MARCH_10.to, publicKeyPem });

    // Assess
    expect(result.ok).toBe(false);
    expect(named(result.problems)).toEqual([
      { kind: 'object_missing', object: trail.objects[0] },
      { kind: 'object_missing', object: trail.objects[3] },
    ]);
    expect(result.problems[0]!.detail).toBe('the table records it as integrated');
  });

  it('names a gap before any digest, where an object went with its record in the table', async () => {
    // Prepare
    const trail = await aTrail(newId(), { digested: false });
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: trail.objects[1] }));
    await resources.documents.send(new DeleteCommand({ TableName: resources.tableName, Key: keys.auditObject(trail.tenantId, 5) }));

    // Act
    const result = await verifyMarch10(trail.tenantId);

    // Assess
    expect(named(result.problems)).toEqual([{ kind: 'event_missing', event: 5 }]);
    expect(result.problems[0]!.detail).toBe('events 5–8 are missing');
  });

  it('names a missing tail behind what the table records as integrated, before any digest', async () => {
    // Prepare: the newest object and its record are gone; the archived marker still says 14.
    const trail = await aTrail(newId(), { digested: false });
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: trail.objects[3] }));
    await resources.documents.send(new DeleteCommand({ TableName: resources.tableName, Key: keys.auditObject(trail.tenantId, 13) }));

    // Act
    const result = await verifyMarch10(trail.tenantId);

    // Assess
    expect(named(result.problems)).toEqual([{ kind: 'event_missing', event: 13 }]);
    expect(result.problems[0]!.detail).toBe('events 13–14 are missing: the table records events through 14 as integrated');
  });

  it('names an object inserted after the last digest, which neither the table nor an integrator knows', async () => {
    // Prepare
    const trail = await aTrail();
    const next = aChain(trail.tenantId, 2, { seq: 14, hash: trail.events[13]!.hash });
    const inserted = trail.objects[3]!.replace('000000000013-000000000014', '000000000015-000000000016');
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: inserted, Body: encodeEventLines(next) }));

    // Act
    const result = await verifyMarch10(trail.tenantId);

    // Assess
    expect(named(result.problems)).toEqual([{ kind: 'object_unlisted', object: inserted }]);
  });

  it('names an undigested object whose bytes differ from what the table recorded', async () => {
    // Prepare: the newest object is not in any digest yet.
    const trail = await aTrail();
    await tamper(trail.objects[3]!, (lines) => lines.map((line) => JSON.stringify({ ...JSON.parse(line), outcome: 'failure' })));

    // Act
    const result = await verifyMarch10(trail.tenantId);

    // Assess
    expect(named(result.problems)).toEqual([
      { kind: 'object_altered', object: trail.objects[3] },
      { kind: 'event_altered', event: 13, object: trail.objects[3] },
      { kind: 'event_altered', event: 14, object: trail.objects[3] },
    ]);
  });

  it('reports an event committed but not integrated after the grace period as late, and a newer one as pending', async () => {
    // Prepare: two events the integrator never received (it is down, say), one of them 10 minutes old.
    const tenantId = newId();
    const now = new Date();
    const old = pendingAuditEvent({ ...anEntry(tenantId), time: new Date(now.getTime() - 10 * 60_000).toISOString() });
    const recent = pendingAuditEvent({ ...anEntry(tenantId), time: new Date(now.getTime() - 30_000).toISOString() });
    await commitPendingEvents(resources.documents, resources.tableName, [old, recent]);

    // Act: a verify run after the commit (events are found by their ids, made a moment after `now`).
    const verifiedAt = new Date();
    const result = await verifyAuditTrail({ s3, bucket, ...table(), tenantId, from: new Date(now.getTime() - 3_600_000), to: verifiedAt, now: verifiedAt, publicKeyPem });

    // Assess
    expect(result.ok).toBe(false);
    expect(result.pendingEvents).toBe(1);
    expect(named(result.problems)).toEqual([{ kind: 'event_late', eventId: old.eventId }]);
  });

  it('tells an object an integrator put but another\'s commit outran from an inserted one', async () => {
    // Prepare: an attempt record and its object, as a losing integrator leaves them.
    const trail = await aTrail();
    const lost = aChain(trail.tenantId, 1, { seq: 14, hash: trail.events[13]!.hash });
    const key = trail.objects[3]!.replace(/000000000013-000000000014-[0-9a-f]{16}/, `000000000015-000000000015-${lost[0]!.hash.slice(0, 16)}`);
    const body = encodeEventLines(lost);
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
    await resources.documents.send(
      new PutCommand({
        TableName: resources.tableName,
        Item: { ...keys.auditAttempt(trail.tenantId, 15, lost[0]!.hash), tenantId: trail.tenantId, key, sha256: createHashOf(body), firstSeq: 15, lastSeq: 15, chainHead: lost[0]!.hash, eventCount: 1 },
      }),
    );

    // Act
    const result = await verifyMarch10(trail.tenantId);

    // Assess
    expect(result).toMatchObject({ ok: true, supersededObjects: 1, problems: [] });
  });

  it('keeps details structural: no event content appears in a problem', async () => {
    // Prepare
    const trail = await aTrail();
    await tamper(trail.objects[2]!, (lines) => lines.map((line) => JSON.stringify({ ...JSON.parse(line), requestId: 'secret-request-id' })));

    // Act
    const result = await verifyMarch10(trail.tenantId);

    // Assess
    expect(result.problems.length).toBeGreaterThan(0);
    const text = JSON.stringify(result.problems);
    expect(text).not.toContain('secret-request-id');
    for (const event of trail.events) expect(text).not.toContain(event.actor.userId!);
  });

  it('checks one tenant\'s trail without being disturbed by another\'s', async () => {
    // Prepare
    const mine = await aTrail();
    const theirs = await aTrail();
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: theirs.objects[2] }));

    // Act
    const [myResult, theirResult] = await Promise.all([verifyMarch10(mine.tenantId), verifyMarch10(theirs.tenantId)]);

    // Assess
    expect(myResult.ok).toBe(true);
    expect(theirResult.ok).toBe(false);
  });
});

describe('readArchivedEvents', () => {
  it('reads a tenant\'s events within a range in seq order, across the midnight an object spans', async () => {
    // Prepare
    const trail = await aTrail();

    // Act
    const events = [];
    for await (const event of readArchivedEvents({ s3, bucket, ...table(), tenantId: trail.tenantId, ...MARCH_10 })) events.push(event);

    // Assess
    expect(events).toEqual(trail.events.slice(2));
  });

  it('filters by actor, action and target', async () => {
    // Prepare
    const trail = await aTrail();
    const actor = trail.events[4]!.actor.userId!;
    const wanted = trail.events.slice(2).filter((event) => event.actor.userId === actor && event.action === 'contact.deleted' && event.target?.id === 'C3');

    // Act
    const events = [];
    for await (const event of readArchivedEvents({ s3, bucket, ...table(), tenantId: trail.tenantId, ...MARCH_10, filter: { actor, action: 'contact.deleted', targetId: 'C3' } })) {
      events.push(event);
    }

    // Assess
    expect(wanted.length).toBeGreaterThan(0);
    expect(events).toEqual(wanted);
  });

  it('never yields another tenant\'s events, even one placed in this tenant\'s partition', async () => {
    // Prepare
    const mine = await aTrail();
    const theirs = await aTrail();
    const theirNext = aChain(theirs.tenantId, 2, { seq: 14, hash: theirs.events[13]!.hash });
    const misplaced = mine.objects[3]!.replace('000000000013-000000000014', '000000000015-000000000016');
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: misplaced, Body: encodeEventLines(theirNext) }));

    // Act
    const events = [];
    for await (const event of readArchivedEvents({ s3, bucket, ...table(), tenantId: mine.tenantId, from: new Date('2025-03-01T00:00:00Z'), to: new Date('2025-03-31T00:00:00Z') })) {
      events.push(event);
    }

    // Assess
    expect(events).toEqual(mine.events);
    expect(events.every((event) => event.tenantId === mine.tenantId)).toBe(true);
  });
});

async function undigested(tenantId: string) {
  const { Items = [] } = await resources.documents.send(
    new QueryCommand({ TableName: resources.tableName, IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :pk', ExpressionAttributeValues: { ':pk': keys.auditUndigested().gsi2pk } }),
  );
  return Items.filter((item) => item.tenantId === tenantId);
}

function anEntry(tenantId: string) {
  return {
    tenantId,
    eventId: newId(),
    entry: { action: 'contact.updated' as const, target: { type: 'contact', id: 'C1' }, outcome: 'success' as const },
    context: { actor: { userId: newId(), role: 'owner' }, requestId: randomUUID(), sourceIp: null, userAgent: null },
  };
}

function createHashOf(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
