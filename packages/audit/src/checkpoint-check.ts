import type { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { parseCheckpointKey, tenantCheckpointsPrefix } from './archive-layout';
import { readArchivedEvents } from './archive-reader';
import type { AuditProblem } from './audit-problems';
import { proofHashes } from './audit-proofs';
import { isCheckpointSignatureValid, parseCheckpoint, type SignedCheckpoint } from './checkpoint';
import { sha256Hex } from './event-lines';
import { eventLeafHash, nodeHash, splitPoint, isPowerOfTwo } from './merkle/hashes';
import { consistencyRanges, rangeHash, subtreesOf, type LeafRange, type SubtreeId } from './merkle/ranges';
import { verifyConsistency } from './merkle/verify-proofs';
import { getBytes, listKeys, mapWithConcurrency } from './s3-objects';
import { createAuditTreeStore, type AuditTreeStore } from './tree-store';

export interface VerifyCheckpointsOptions {
  s3: S3Client;
  bucket: string;
  documents: DynamoDBDocumentClient;
  tableName: string;
  tenantId: string;
  from: Date;
  to: Date;
  /** The signer's public key (SPKI PEM). */
  publicKeyPem: string;
  concurrency?: number;
}

export interface CheckpointsVerification {
  problems: AuditProblem[];
  /** Checkpoints read from the archive. */
  checkpoints: number;
}

interface ReadCheckpoint {
  key: string;
  sha256: string;
  checkpoint: SignedCheckpoint;
}

/**
 * Checks a tenant's signed checkpoints: each readable, this tenant's, signed by the given key and
 * linked to the one before it (so a dropped or replaced one is named); the latest one the table
 * records still in the archive, unchanged; every checkpoint created in the period a consistent
 * extension of the one before it (RFC 9162 consistency proofs from the stored tree); and the
 * period's archived events, hashed into the tree, giving the root of the newest checkpoint of the
 * period that covers them.
 */
export async function verifyCheckpoints(options: VerifyCheckpointsOptions): Promise<CheckpointsVerification> {
  const { s3, bucket, tenantId, publicKeyPem } = options;
  const concurrency = options.concurrency ?? 8;
  const tree = createAuditTreeStore(options);
  const problems: AuditProblem[] = [];

  const keys = (await listKeys(s3, bucket, tenantCheckpointsPrefix(tenantId))).filter((key) => parseCheckpointKey(key) !== null);
  const stored = await mapWithConcurrency(keys, concurrency, async (key) => ({ key, bytes: await getBytes(s3, bucket, key) }));
  const present = new Set(keys);

  const valid: ReadCheckpoint[] = [];
  let previous: { key: string; sha256: string; treeSize: number } | null = null;
  for (const { key, bytes } of stored) {
    const checkpoint = bytes ? parseCheckpoint(bytes) : null;
    const reason = invalidity(tenantId, key, checkpoint, publicKeyPem);
    if (reason) problems.push({ kind: 'checkpoint_invalid', object: key, detail: reason });
    const sha256 = bytes ? sha256Hex(bytes) : '';
    if (checkpoint && !reason) {
      const link = checkpoint.previousCheckpoint;
      if (previous === null && link !== null && !present.has(link.key)) {
        problems.push({ kind: 'checkpoint_chain_broken', object: link.key, detail: `the checkpoint is missing: ${key} links to it` });
      } else if (previous === null && link !== null) {
        problems.push({ kind: 'checkpoint_chain_broken', object: key, detail: 'the first checkpoint names a previous one' });
      } else if (previous !== null && (link === null || link.key !== previous.key || link.sha256 !== previous.sha256)) {
        const missing = link !== null && !present.has(link.key);
        problems.push(
          missing
            ? { kind: 'checkpoint_chain_broken', object: link.key, detail: `the checkpoint is missing: ${key} links to it` }
            : { kind: 'checkpoint_chain_broken', object: key, detail: `it does not link to the previous checkpoint ${previous.key}` },
        );
      } else if (previous !== null && checkpoint.treeSize <= previous.treeSize) {
        problems.push({ kind: 'checkpoint_chain_broken', object: key, detail: `its tree is not larger than ${previous.key}'s` });
      }
      valid.push({ key, sha256, checkpoint });
    }
    previous = { key, sha256, treeSize: checkpoint?.treeSize ?? parseCheckpointKey(key)!.treeSize };
  }

  // Every checkpoint the table records must still be in the archive, as recorded: that names a dropped one even with none after it.
  const storedByKey = new Map(stored.map((entry) => [entry.key, entry.bytes]));
  for (let before: number | undefined, more = true; more; ) {
    const page = await tree.checkpoints(tenantId, { limit: 100, ...(before === undefined ? {} : { beforeSize: before }) });
    for (const record of page.items) {
      const bytes = storedByKey.get(record.key);
      if (!bytes) problems.push({ kind: 'checkpoint_chain_broken', object: record.key, detail: 'the checkpoint is missing from the archive, though the table records it' });
      else if (sha256Hex(bytes) !== record.sha256) problems.push({ kind: 'checkpoint_invalid', object: record.key, detail: 'it differs from the checkpoint the table records' });
    }
    more = page.nextBeforeSize !== null;
    before = page.nextBeforeSize ?? undefined;
  }

  const head = await tree.head(tenantId);
  if (head) {
    const found = stored.find((entry) => entry.key === head.checkpoint.key);
    if (!found?.bytes) problems.push({ kind: 'checkpoint_chain_broken', object: head.checkpoint.key, detail: 'the latest checkpoint the table records is missing' });
    else if (sha256Hex(found.bytes) !== head.checkpoint.sha256) problems.push({ kind: 'checkpoint_chain_broken', object: head.checkpoint.key, detail: 'the latest checkpoint the table records has changed' });
  }

  const from = options.from.getTime();
  const to = options.to.getTime();
  const inPeriod = (entry: ReadCheckpoint) => {
    const created = Date.parse(entry.checkpoint.createdAt);
    return created >= from && created <= to;
  };
  for (let index = 1; index < valid.length; index += 1) {
    const [earlier, later] = [valid[index - 1]!, valid[index]!];
    if (!inPeriod(later) || earlier.checkpoint.treeSize >= later.checkpoint.treeSize) continue;
    if (!(await isConsistent(tree, tenantId, earlier.checkpoint, later.checkpoint))) {
      problems.push({ kind: 'checkpoint_inconsistent', object: later.key, detail: `its tree does not extend the tree of ${earlier.key}` });
    }
  }

  const newest = valid.filter(inPeriod).at(-1);
  if (newest) problems.push(...(await rootProblems(options, tree, newest)));
  return { problems, checkpoints: stored.length };
}

function invalidity(tenantId: string, key: string, checkpoint: SignedCheckpoint | null, publicKeyPem: string): string | null {
  if (!checkpoint) return 'not a readable checkpoint';
  if (checkpoint.tenantId !== tenantId) return "it is another tenant's checkpoint";
  if (!isCheckpointSignatureValid(checkpoint, publicKeyPem)) return 'its signature does not verify';
  if (parseCheckpointKey(key)?.treeSize !== checkpoint.treeSize) return 'its tree size differs from its name';
  return null;
}

async function isConsistent(tree: AuditTreeStore, tenantId: string, earlier: SignedCheckpoint, later: SignedCheckpoint): Promise<boolean> {
  try {
    const proof = await proofHashes(tree, tenantId, consistencyRanges(earlier.treeSize, later.treeSize));
    return verifyConsistency(earlier.treeSize, later.treeSize, Buffer.from(earlier.rootHash, 'hex'), Buffer.from(later.rootHash, 'hex'), proof);
  } catch (error) {
    // A tile the proof needs is gone: the stored tree no longer backs the signed heads.
    if (error instanceof RangeError) return false;
    throw error;
  }
}

/**
 * The checkpoint's root recomputed with the period's archived events as its leaves (and the stored
 * tree for the rest): an event altered, dropped or inserted in the archive changes the root.
 */
async function rootProblems(options: VerifyCheckpointsOptions, tree: AuditTreeStore, newest: ReadCheckpoint): Promise<AuditProblem[]> {
  const { treeSize, rootHash } = newest.checkpoint;
  const known = new Map<number, Buffer>();
  for await (const event of readArchivedEvents({ s3: options.s3, bucket: options.bucket, documents: options.documents, tableName: options.tableName, tenantId: options.tenantId, from: options.from, to: options.to })) {
    if (event.seq > treeSize) break;
    try {
      known.set(event.seq - 1, eventLeafHash(event.hash));
    } catch {
      known.set(event.seq - 1, Buffer.alloc(0));
    }
  }
  if (known.size === 0) return [];
  const indices = [...known.keys()].sort((a, b) => a - b);
  const countIn = ({ start, end }: LeafRange) => lowerBound(indices, end) - lowerBound(indices, start);

  const needed: SubtreeId[] = [];
  walk({ start: 0, end: treeSize }, countIn, (range) => needed.push(...subtreesOf(range)));
  let root: Buffer;
  try {
    const stored = await tree.subtrees(options.tenantId, needed);
    root = combine({ start: 0, end: treeSize }, countIn, known, stored);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return [{ kind: 'checkpoint_root_mismatch', object: newest.key, detail: 'the stored tree lacks tiles under its root' }];
  }
  if (root.toString('hex') === rootHash) return [];
  return [{ kind: 'checkpoint_root_mismatch', object: newest.key, detail: `the archived events seq ${indices[0]! + 1}–${indices.at(-1)! + 1} do not give its root` }];
}

/** Calls `stored` for each maximal range holding no known leaf, along RFC 9162's split of the tree. */
function walk(range: LeafRange, countIn: (range: LeafRange) => number, stored: (range: LeafRange) => void): void {
  const count = countIn(range);
  const size = range.end - range.start;
  if (count === size) return;
  if (count === 0) return stored(range);
  const k = isPowerOfTwo(size) ? size / 2 : splitPoint(size);
  walk({ start: range.start, end: range.start + k }, countIn, stored);
  walk({ start: range.start + k, end: range.end }, countIn, stored);
}

function combine(range: LeafRange, countIn: (range: LeafRange) => number, known: Map<number, Buffer>, stored: (id: SubtreeId) => Buffer): Buffer {
  const size = range.end - range.start;
  if (size === 1 && known.has(range.start)) return known.get(range.start)!;
  if (countIn(range) === 0) {
    return rangeHash(range, stored);
  }
  const k = isPowerOfTwo(size) ? size / 2 : splitPoint(size);
  return nodeHash(combine({ start: range.start, end: range.start + k }, countIn, known, stored), combine({ start: range.start + k, end: range.end }, countIn, known, stored));
}

function lowerBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
