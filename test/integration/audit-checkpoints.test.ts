import { CreateBucketCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { marshall } from '@aws-sdk/util-dynamodb';
import { createAuditArchiver, createAuditProofs, createAuditTreeStore, createDigestWriter, LocalDigestSigner, merkle, type AuditLogger, type DigestSigner } from '@rapport/audit';
import { auditEventItem } from '@rapport/data';
import { newId, sealAuditEvent, type AuditEvent, type ChainHead } from '@rapport/domain';
import { localClientConfig } from '@rapport/local';
import type { DynamoDBRecord } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestResources, type TestResources } from '../support/test-stack';

const silent: AuditLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

let resources: TestResources;
let s3: S3Client;
let bucket: string;
let signer: LocalDigestSigner;

beforeAll(async () => {
  resources = await createTestResources();
  s3 = new S3Client({ ...localClientConfig(resources.engines.s3), forcePathStyle: true });
  bucket = `audit-${randomUUID()}`;
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  signer = new LocalDigestSigner({ keyFile: join(mkdtempSync(join(tmpdir(), 'audit-keys-')), 'audit-signing.pem') });
});

const table = () => ({ documents: resources.documents, tableName: resources.tableName });

function aChain(tenantId: string, count: number): AuditEvent[] {
  const events: AuditEvent[] = [];
  let head: ChainHead | null = null;
  for (let index = 0; index < count; index++) {
    const event = sealAuditEvent(head, {
      tenantId,
      eventId: newId(),
      time: new Date(Date.UTC(2025, 5, 1) + index * 1_000).toISOString(),
      entry: { action: 'contact.updated', target: { type: 'contact', id: `C${index % 7}` }, outcome: 'success' },
      context: { actor: { userId: 'U1', role: 'owner' }, requestId: randomUUID(), sourceIp: null, userAgent: null },
    });
    events.push(event);
    head = { seq: event.seq, hash: event.hash };
  }
  return events;
}

let streamSequence = 0;
async function archive(events: readonly AuditEvent[]) {
  const records: DynamoDBRecord[] = events.map((event) => ({
    eventName: 'INSERT',
    eventSource: 'aws:dynamodb',
    dynamodb: { NewImage: marshall(auditEventItem(event), { removeUndefinedValues: true }) as never, SequenceNumber: String(++streamSequence).padStart(21, '0') },
  }));
  const result = await createAuditArchiver({ s3, bucket, ...table(), logger: silent }).archive({ Records: records });
  expect(result.batchItemFailures).toEqual([]);
}

const checkpointKeys = async (tenantId: string) =>
  ((await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `checkpoints/tenant=${tenantId}/` }))).Contents ?? []).map((object) => object.Key!);

/** The root RFC 9162 §2.1.1 gives over the events' hashes, computed the slow, recursive way. */
function rootOf(events: readonly AuditEvent[]): Buffer {
  if (events.length === 1) return merkle.eventLeafHash(events[0]!.hash);
  let k = 1;
  while (k * 2 < events.length) k *= 2;
  return merkle.nodeHash(rootOf(events.slice(0, k)), rootOf(events.slice(k)));
}

describe('checkpoints of the audit Merkle tree', () => {
  it('takes every archived event into the tree, past one tile, and proves any of them against the signed root', async () => {
    // Prepare: 600 events (more than two leaf tiles) in objects of uneven size, over two runs.
    const tenantId = newId();
    const events = aChain(tenantId, 600);
    for (const [start, end] of [[0, 100], [100, 257], [257, 400]] as const) await archive(events.slice(start, end));
    await createDigestWriter({ s3, bucket, ...table(), signer, logger: silent }).writeDigests();
    await archive(events.slice(400));

    // Act
    const result = await createDigestWriter({ s3, bucket, ...table(), signer, logger: silent }).writeDigests();
    const head = await createAuditTreeStore(table()).head(tenantId);
    const proofs = createAuditProofs({ s3, bucket, ...table() });

    // Assess
    expect(result.checkpoints).toBeGreaterThanOrEqual(1);
    expect(head).toMatchObject({ size: 600, rootHash: rootOf(events).toString('hex') });
    expect(await checkpointKeys(tenantId)).toHaveLength(2);
    for (const event of [events[0]!, events[255]!, events[256]!, events[599]!]) {
      const result = await proofs.eventProof(tenantId, event.eventId);
      expect(result.found).toBe('proof');
      if (result.found !== 'proof') continue;
      const path = result.proof.inclusionPath.map((hex) => Buffer.from(hex, 'hex'));
      expect(merkle.verifyInclusion(event.seq - 1, 600, merkle.eventLeafHash(event.hash), path, Buffer.from(result.proof.checkpoint.rootHash, 'hex'))).toBe(true);
    }
    const consistency = await proofs.consistency(tenantId, 400, 600);
    expect(merkle.verifyConsistency(400, 600, rootOf(events.slice(0, 400)), rootOf(events), consistency!.proof.map((hex) => Buffer.from(hex, 'hex')))).toBe(true);
    expect(await proofs.eventProof(newId(), events[0]!.eventId)).toEqual({ found: 'none' });
  }, 120_000); // 600 events over two runs: ~6 s alone, but several times that beside another file on two cores

  it('leaves the objects undigested when the checkpoint fails, so the next run signs both', async () => {
    // Prepare: a signer that fails once (KMS throttled, say).
    const tenantId = newId();
    const events = aChain(tenantId, 5);
    await archive(events);
    let failures = 1;
    const flaky: DigestSigner = {
      keyId: signer.keyId,
      algorithm: signer.algorithm,
      publicKeyPem: () => signer.publicKeyPem(),
      sign: async (data) => {
        if (failures-- > 0) throw new Error('throttled');
        return signer.sign(data);
      },
    };
    const writer = createDigestWriter({ s3, bucket, ...table(), signer: flaky, logger: silent });

    // Act
    const first = await writer.writeDigests().then(
      () => null,
      (error: unknown) => error,
    );
    const afterFailure = await checkpointKeys(tenantId);
    await writer.writeDigests();

    // Assess
    expect(first).toMatchObject({ name: 'DigestRunError' });
    expect(afterFailure).toEqual([]);
    expect(await checkpointKeys(tenantId)).toEqual([`checkpoints/tenant=${tenantId}/000000000005.json`]);
    expect(await createAuditTreeStore(table()).head(tenantId)).toMatchObject({ size: 5, rootHash: rootOf(events).toString('hex') });
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `digests/tenant=${tenantId}/` }));
    expect(listed.Contents ?? []).toHaveLength(1);
  });
});
