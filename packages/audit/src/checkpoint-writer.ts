import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { isAuditEventIntact, type Clock } from '@rapport/domain';
import { checkpointKey, DIGEST_CONTENT_TYPE } from './archive-layout';
import { checkpointSigningBytes, encodeCheckpoint, type CheckpointBody, type SignedCheckpoint } from './checkpoint';
import type { DigestSigner } from './digest-signer';
import { ArchiveUnreadableError, ArchiveWriteError, ChainBrokenError, ChainGapError } from './errors';
import { decodeEvents, sha256Hex } from './event-lines';
import { eventLeafHash } from './merkle/hashes';
import { rangeHash } from './merkle/ranges';
import { appendToTiles, edgeTiles, subtreeFromTiles, tileName, type Tiles } from './merkle/tiles';
import { getBytes, mapWithConcurrency } from './s3-objects';
import type { AuditTreeStore, LeafRecord } from './tree-store';

export interface CheckpointWriterOptions {
  s3: S3Client;
  bucket: string;
  signer: DigestSigner;
  tree: AuditTreeStore;
  clock: Clock;
}

export interface CheckpointWriter {
  /**
   * Takes a tenant's newly archived events into its Merkle tree and signs a checkpoint of the new
   * head; returns the checkpoint, or null when no event was waiting. Safe to repeat after a crash
   * at any point: tiles and leaf records follow from the archive, and the head moves last.
   */
  checkpointTenant(tenantId: string): Promise<SignedCheckpoint | null>;
}

/** Events taken into one tenant's tree per run, so a run stays within its time; the next run goes on. */
export const MAX_LEAVES_PER_RUN = 20_000;
const OBJECTS_PER_READ = 50;
const READS_IN_FLIGHT = 8;

/**
 * Builds each tenant's Merkle tree from its archived objects (in seq order, as the table records
 * them, each checked against its recorded SHA-256 and each event against its own hash), and signs
 * checkpoints with the digest signer. Leaf i is event seq i + 1.
 */
export function createCheckpointWriter({ s3, bucket, signer, tree, clock }: CheckpointWriterOptions): CheckpointWriter {
  /** The events after the tree's head, as leaf records and leaf hashes, up to the first gap. */
  async function newLeaves(tenantId: string, size: number): Promise<{ leaves: LeafRecord[]; hashes: Buffer[] }> {
    const leaves: LeafRecord[] = [];
    const hashes: Buffer[] = [];
    let next = size + 1;
    while (leaves.length < MAX_LEAVES_PER_RUN) {
      const objects = await tree.objectsFrom(tenantId, next, OBJECTS_PER_READ);
      const contents = await mapWithConcurrency(objects, READS_IN_FLIGHT, (object) => getBytes(s3, bucket, object.key));
      for (const [index, object] of objects.entries()) {
        // A gap in the archive waits for the archiver: the tree only ever takes a gap-free prefix.
        if (object.firstSeq !== next) return { leaves, hashes };
        const bytes = contents[index];
        if (!bytes || sha256Hex(bytes) !== object.sha256) throw new ArchiveUnreadableError(object.key, 'it differs from the object archived');
        for (const event of decodeEvents(object.key, bytes)) {
          if (event.seq !== next) throw new ChainGapError(tenantId, next, event.seq);
          if (event.tenantId !== tenantId || !isAuditEventIntact(event)) throw new ChainBrokenError(tenantId, event.seq, 'hash');
          leaves.push({ eventId: event.eventId, seq: event.seq, objectKey: object.key });
          hashes.push(eventLeafHash(event.hash));
          next += 1;
        }
        if (next !== object.lastSeq + 1) throw new ChainGapError(tenantId, object.lastSeq + 1, next);
      }
      if (objects.length < OBJECTS_PER_READ) break;
    }
    return { leaves, hashes };
  }

  return {
    async checkpointTenant(tenantId) {
      const head = await tree.head(tenantId);
      const size = head?.size ?? 0;
      const { leaves, hashes } = await newLeaves(tenantId, size);
      if (leaves.length === 0) return null;

      const edge = await tree.tiles(tenantId, edgeTiles(size).map(({ tile }) => tile));
      const changed = appendToTiles(size, edge, hashes);
      const tiles: Tiles = new Map(edge);
      for (const { tile, entries } of changed.values()) tiles.set(tileName(tile), entries);
      const treeSize = size + leaves.length;
      // The new right edge is all in the changed and edge tiles, so the root needs no other read.
      const rootHash = rangeHash({ start: 0, end: treeSize }, (id) => subtreeFromTiles(id, tiles)).toString('hex');
      await tree.putTilesAndLeaves(tenantId, changed.values(), leaves);

      const body: CheckpointBody = {
        version: 1,
        tenantId,
        treeSize,
        rootHash,
        createdAt: clock.now().toISOString(),
        previousCheckpoint: head ? { key: head.checkpoint.key, sha256: head.checkpoint.sha256 } : null,
      };
      const signature = await signer.sign(checkpointSigningBytes(body));
      const checkpoint: SignedCheckpoint = { ...body, signature: { algorithm: signer.algorithm, keyId: signer.keyId, value: signature.toString('base64') } };
      const bytes = encodeCheckpoint(checkpoint);
      const key = checkpointKey(tenantId, treeSize);
      try {
        await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: bytes, ContentType: DIGEST_CONTENT_TYPE }));
      } catch (error) {
        throw new ArchiveWriteError(key, { cause: error });
      }
      await tree.commitCheckpoint(tenantId, { key, sha256: sha256Hex(bytes), checkpoint }, head);
      return checkpoint;
    },
  };
}
