import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { systemClock, type Clock } from '@rapport/domain';
import { DIGEST_CONTENT_TYPE, digestKey, digestPrefix, parseDigestKey } from './archive-layout';
import { createCheckpointWriter } from './checkpoint-writer';
import { createAuditBookkeeping, MAX_TRANSACTION_ITEMS, type ArchivedObjectRecord, type DigestedMarker } from './audit-bookkeeping';
import { consoleAuditLogger, type AuditLogger } from './audit-logger';
import { digestSigningBytes, encodeDigest, type DigestBody, type SignedDigest } from './digest';
import type { DigestSigner } from './digest-signer';
import { ArchiveWriteError, DigestRunError } from './errors';
import { sha256Hex } from './event-lines';
import { listKeys } from './s3-objects';
import { createAuditTreeStore } from './tree-store';

export interface DigestWriterOptions {
  s3: S3Client;
  bucket: string;
  documents: DynamoDBDocumentClient;
  tableName: string;
  signer: DigestSigner;
  clock?: Clock;
  logger?: AuditLogger;
}

export interface DigestWriter {
  /**
   * Signs a digest over every tenant's archived objects that no digest covers yet, and, first, a
   * checkpoint of the tenant's Merkle tree over their events (so a run interrupted between the two
   * finds the same objects undigested next time and finishes the checkpoint). Tenants are
   * independent: one that fails does not stop the others, and the run then throws at the end, so
   * the scheduled invocation is seen to fail.
   */
  writeDigests(): Promise<{ digests: number; checkpoints: number }>;
}

/** Objects per digest: its commit also updates the digested marker, within DynamoDB's 100 items. */
export const MAX_OBJECTS_PER_DIGEST = MAX_TRANSACTION_ITEMS - 2;

/**
 * Writes signed digests: each covers a contiguous run of a tenant's archived objects (key, SHA-256,
 * seq range, chain head) and links to the tenant's previous digest, so the archive can be checked
 * against something the archiver alone could not have forged.
 */
export function createDigestWriter(options: DigestWriterOptions): DigestWriter {
  const { s3, bucket, signer } = options;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? consoleAuditLogger;
  const bookkeeping = createAuditBookkeeping(options);
  const checkpoints = createCheckpointWriter({ s3, bucket, signer, clock, tree: createAuditTreeStore(options) });

  async function digestTenant(tenantId: string, objects: readonly ArchivedObjectRecord[]): Promise<number> {
    let previous = await bookkeeping.digestedMarker(tenantId);
    // The index trails the table, so it may still list objects a digest has just covered.
    const pending = objects.filter((object) => object.lastSeq > (previous?.lastSeq ?? 0));
    let run = contiguousRun(pending, (previous?.lastSeq ?? 0) + 1);
    if (run.length === 0) {
      if (pending.length > 0) {
        logger.warn('Undigested audit objects do not continue the digests; tenant skipped', {
          tenantId,
          expectedSeq: (previous?.lastSeq ?? 0) + 1,
          firstPendingSeq: pending[0]!.firstSeq,
        });
      }
      return 0;
    }
    if (run.length < pending.length) {
      logger.warn('Undigested audit objects have a gap; digesting up to it', { tenantId, throughSeq: run.at(-1)!.lastSeq });
    }
    let written = 0;
    while (run.length > 0) {
      const size = await chunkSize(tenantId, run);
      previous = await writeDigest(tenantId, run.slice(0, size), previous);
      run = run.slice(size);
      written += 1;
    }
    return written;
  }

  /**
   * How many objects the next digest covers. A run interrupted between writing a digest and
   * recording it leaves that digest behind; ending this one at the same object writes the same key
   * again, so no second digest from the same point is left lying next to the one that counts.
   */
  async function chunkSize(tenantId: string, run: readonly ArchivedObjectRecord[]): Promise<number> {
    let size = Math.min(MAX_OBJECTS_PER_DIGEST, run.length);
    for (const key of await listKeys(s3, bucket, digestPrefix(tenantId, run[0]!.firstSeq))) {
      const lastSeq = parseDigestKey(key)?.lastSeq;
      const end = run.findIndex((object) => object.lastSeq === lastSeq);
      if (end >= 0 && end < size) size = end + 1;
    }
    return size;
  }

  async function writeDigest(tenantId: string, objects: readonly ArchivedObjectRecord[], previous: DigestedMarker | null): Promise<DigestedMarker> {
    const createdAt = clock.now().toISOString();
    const body: DigestBody = {
      version: 1,
      tenantId,
      createdAt,
      firstSeq: objects[0]!.firstSeq,
      lastSeq: objects.at(-1)!.lastSeq,
      objects: objects.map(({ key, sha256, firstSeq, lastSeq, chainHead }) => ({ key, sha256, firstSeq, lastSeq, chainHead })),
      previousDigest: previous ? { key: previous.key, sha256: previous.sha256 } : null,
    };
    const signature = await signer.sign(digestSigningBytes(body));
    const digest: SignedDigest = { ...body, signature: { algorithm: signer.algorithm, keyId: signer.keyId, value: signature.toString('base64') } };
    const bytes = encodeDigest(digest);
    const key = digestKey(tenantId, body.firstSeq, body.lastSeq);
    try {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: bytes, ContentType: DIGEST_CONTENT_TYPE }));
    } catch (error) {
      throw new ArchiveWriteError(key, { cause: error });
    }
    const marker: DigestedMarker = { lastSeq: body.lastSeq, key, sha256: sha256Hex(bytes) };
    await bookkeeping.commitDigest(tenantId, marker, previous, objects, createdAt);
    return marker;
  }

  return {
    async writeDigests() {
      const byTenant = new Map<string, ArchivedObjectRecord[]>();
      for (const record of await bookkeeping.undigestedObjects()) {
        let objects = byTenant.get(record.tenantId);
        if (!objects) byTenant.set(record.tenantId, (objects = []));
        objects.push(record);
      }
      let digests = 0;
      let checkpointed = 0;
      const failed: string[] = [];
      for (const [tenantId, objects] of byTenant) {
        // The undigested objects are what brings a tenant into the next run, so a tenant whose checkpoint
        // failed keeps them undigested: the next run retries both, and the tree never lags behind unseen.
        try {
          if (await checkpoints.checkpointTenant(tenantId)) checkpointed += 1;
        } catch (error) {
          failed.push(tenantId);
          logger.error('Writing an audit checkpoint failed; its digest waits for the next run', {
            tenantId,
            error: error instanceof Error ? { name: error.name, message: error.message } : String(error),
          });
          continue;
        }
        try {
          digests += await digestTenant(tenantId, objects.sort((a, b) => a.firstSeq - b.firstSeq));
        } catch (error) {
          failed.push(tenantId);
          logger.error('Writing an audit digest failed', { tenantId, error: error instanceof Error ? { name: error.name, message: error.message } : String(error) });
        }
      }
      if (failed.length > 0) {
        throw new DigestRunError(failed, digests);
      }
      return { digests, checkpoints: checkpointed };
    },
  };
}

/** The leading objects that follow each other without a gap, starting at `fromSeq`. */
function contiguousRun(objects: readonly ArchivedObjectRecord[], fromSeq: number): ArchivedObjectRecord[] {
  const run: ArchivedObjectRecord[] = [];
  let next = fromSeq;
  for (const object of objects) {
    if (object.firstSeq !== next) break;
    run.push(object);
    next = object.lastSeq + 1;
  }
  return run;
}
