import type { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '@rapport/domain';
import type { SignedCheckpoint } from './checkpoint';
import { decodeEvents } from './event-lines';
import { eventLeafHash } from './merkle/hashes';
import { consistencyRanges, inclusionRanges, rangeHash, subtreesOf, type LeafRange } from './merkle/ranges';
import { getBytes } from './s3-objects';
import { createAuditTreeStore, type AuditTreeStore, type CheckpointRecord } from './tree-store';

export interface AuditProofsOptions {
  s3: S3Client;
  bucket: string;
  documents: DynamoDBDocumentClient;
  tableName: string;
}

/** An event's inclusion proof against the latest signed checkpoint: everything an offline check needs but the public key. */
export interface EventProof {
  /** The event as archived. */
  event: AuditEvent;
  seq: number;
  /** The event's leaf: index seq − 1, hash SHA-256(0x00 || bytes of the event's `hash`), hex. */
  leafIndex: number;
  leafHash: string;
  treeSize: number;
  /** The audit path (RFC 9162 §2.1.3.1), leaf side first, hex. */
  inclusionPath: string[];
  checkpoint: SignedCheckpoint;
  /** Where the checkpoint is in the archive. */
  checkpointKey: string;
}

export type EventProofResult = { found: 'proof'; proof: EventProof } | { found: 'pending'; treeSize: number } | { found: 'none' };

export interface ConsistencyProof {
  from: CheckpointRecord;
  to: CheckpointRecord;
  /** PROOF(from, D[to]) (RFC 9162 §2.1.4.1), hex; empty when both are the same tree. */
  proof: string[];
}

export interface AuditProofs {
  /** The proof of an event by id; `pending` when the table holds it but no checkpoint covers it yet. */
  eventProof(tenantId: string, eventId: string): Promise<EventProofResult>;
  /** Checkpoints created within [from, to], newest first; `beforeSize` continues a previous page. */
  checkpoints(tenantId: string, query: { from: Date; to: Date; limit: number; beforeSize?: number }): Promise<{ items: CheckpointRecord[]; nextBeforeSize: number | null }>;
  /** A consistency proof between two checkpoints, named by tree size; null when either is not a checkpoint. */
  consistency(tenantId: string, fromSize: number, toSize: number): Promise<ConsistencyProof | null>;
}

/** The hashes of the given proof ranges, read from the tree's tiles (one or two tiles per tile level). */
export async function proofHashes(tree: AuditTreeStore, tenantId: string, ranges: readonly LeafRange[]): Promise<Buffer[]> {
  const subtree = await tree.subtrees(tenantId, ranges.flatMap(subtreesOf));
  return ranges.map((range) => rangeHash(range, subtree));
}

/** Proofs from a tenant's tree, its checkpoints and its archive. Every read is by the caller's tenant. */
export function createAuditProofs(options: AuditProofsOptions): AuditProofs {
  const { s3, bucket } = options;
  const tree = createAuditTreeStore(options);
  const CHECKPOINT_PAGE = 100;

  return {
    async eventProof(tenantId, eventId) {
      const [leaf, head] = await Promise.all([tree.leaf(tenantId, eventId), tree.head(tenantId)]);
      const treeSize = head?.size ?? 0;
      if (!leaf || !head || leaf.seq > head.size) {
        return (await tree.hasEvent(tenantId, eventId)) ? { found: 'pending', treeSize } : { found: 'none' };
      }
      const [checkpoint, bytes] = await Promise.all([tree.checkpointAt(tenantId, head.size), getBytes(s3, bucket, leaf.objectKey)]);
      const event = bytes ? decodeEvents(leaf.objectKey, bytes).find((candidate) => candidate.seq === leaf.seq) : undefined;
      if (!checkpoint || !event) throw new Error(`The tree of tenant ${tenantId} names seq ${leaf.seq} in ${leaf.objectKey}, which the archive or table does not hold`);
      const path = await proofHashes(tree, tenantId, inclusionRanges(leaf.seq - 1, head.size));
      return {
        found: 'proof',
        proof: {
          event,
          seq: leaf.seq,
          leafIndex: leaf.seq - 1,
          leafHash: eventLeafHash(event.hash).toString('hex'),
          treeSize: head.size,
          inclusionPath: path.map((hash) => hash.toString('hex')),
          checkpoint: checkpoint.checkpoint,
          checkpointKey: checkpoint.key,
        },
      };
    },

    async checkpoints(tenantId, { from, to, limit, beforeSize }) {
      const items: CheckpointRecord[] = [];
      let before = beforeSize;
      // One more than the page is looked for, so the last page says it is the last.
      const page = () => ({ items: items.slice(0, limit), nextBeforeSize: items.length > limit ? items[limit - 1]!.checkpoint.treeSize : null });
      // Tree size grows with time, so newest first by size is newest first by time: the walk stops at the first one before `from`.
      for (;;) {
        const stored = await tree.checkpoints(tenantId, { limit: CHECKPOINT_PAGE, ...(before === undefined ? {} : { beforeSize: before }) });
        for (const record of stored.items) {
          const created = Date.parse(record.checkpoint.createdAt);
          if (created < from.getTime()) return page();
          if (created > to.getTime()) continue;
          items.push(record);
          if (items.length > limit) return page();
        }
        if (stored.nextBeforeSize === null) return page();
        before = stored.nextBeforeSize;
      }
    },

    async consistency(tenantId, fromSize, toSize) {
      const [from, to] = await Promise.all([tree.checkpointAt(tenantId, fromSize), tree.checkpointAt(tenantId, toSize)]);
      if (!from || !to) return null;
      const proof = fromSize === toSize ? [] : await proofHashes(tree, tenantId, consistencyRanges(fromSize, toSize));
      return { from, to, proof: proof.map((hash) => hash.toString('hex')) };
    },
  };
}
