import { createHash } from 'node:crypto';

/**
 * RFC 9162 (Certificate Transparency v2) §2.1.1 hashing, with SHA-256. Leaf and interior node
 * hashes are domain-separated by a prefix byte, so a leaf can never pass for a node (second
 * preimage attacks on the tree).
 *
 * The leaf of a tenant's audit tree is the event's `hash` (its SHA-256 over its canonical JSON,
 * `hash` left out) as 32 bytes: the event's content is committed through it, and a proof can be
 * checked with the event's hash alone, or from the event itself by recomputing that hash.
 */
export const HASH_BYTES = 32;

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** MTH({d}) = SHA-256(0x00 || d). */
export const leafHash = (leaf: Buffer): Buffer => createHash('sha256').update(LEAF_PREFIX).update(leaf).digest();

/** SHA-256(0x01 || left || right). */
export const nodeHash = (left: Buffer, right: Buffer): Buffer => createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();

/** MTH({}) : the hash of an empty tree, SHA-256 of no bytes. */
export const emptyRoot = (): Buffer => createHash('sha256').digest();

/** The leaf hash of an audit event, from its `hash` (64 hex digits). */
export function eventLeafHash(eventHash: string): Buffer {
  if (!/^[0-9a-f]{64}$/.test(eventHash)) throw new RangeError('An event hash is 64 lower-case hex digits');
  return leafHash(Buffer.from(eventHash, 'hex'));
}

/** The largest power of two strictly below `n` (n ≥ 2): where RFC 9162 splits a tree of n leaves. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** Whether `n` is a power of two (1, 2, 4, …). */
export const isPowerOfTwo = (n: number): boolean => n >= 1 && splitPoint(n + 1) === n;
