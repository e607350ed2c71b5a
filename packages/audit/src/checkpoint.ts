import canonicalize from 'canonicalize';
import { verify } from 'node:crypto';
import * as z from 'zod';
import { DIGEST_SIGNING_ALGORITHM } from './digest';

/**
 * What a checkpoint signs: the head of a tenant's Merkle tree over its audit events (RFC 9162), at
 * a time, linked to the checkpoint before it by key and SHA-256 of its stored bytes. A checkpoint
 * commits to every event up to `treeSize` at once: an inclusion proof against it shows that one
 * event is in the log, and a consistency proof that a later checkpoint's tree extends its tree.
 */
export interface CheckpointBody {
  version: 1;
  tenantId: string;
  /** How many events the tree holds: events seq 1 to `treeSize`, leaf i being event seq i + 1. */
  treeSize: number;
  /** The tree's root (RFC 9162 MTH), hex. */
  rootHash: string;
  createdAt: string;
  previousCheckpoint: { key: string; sha256: string } | null;
}

/** A checkpoint as stored: its body and the signature over the body's canonical JSON (RFC 8785). */
export interface SignedCheckpoint extends CheckpointBody {
  signature: {
    /** `ECDSA_SHA_256`, as for digests: the same key signs both. */
    algorithm: string;
    keyId: string;
    /** Base64 of the DER-encoded signature. */
    value: string;
  };
}

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

export const signedCheckpointSchema = z.strictObject({
  version: z.literal(1),
  tenantId: z.string().min(1),
  treeSize: z.number().int().positive(),
  rootHash: sha256Hex,
  createdAt: z.string(),
  previousCheckpoint: z.strictObject({ key: z.string(), sha256: sha256Hex }).nullable(),
  signature: z.strictObject({ algorithm: z.string(), keyId: z.string(), value: z.string() }),
});

/** The bytes a checkpoint's signature covers: the canonical JSON (RFC 8785) of its body. */
export function checkpointSigningBytes(body: CheckpointBody): Buffer {
  const { signature: _signature, ...unsigned } = body as SignedCheckpoint;
  return Buffer.from(canonicalize(unsigned)!, 'utf8');
}

/** A checkpoint's stored bytes; its SHA-256 is what the next checkpoint links to. */
export const encodeCheckpoint = (checkpoint: SignedCheckpoint): Buffer => Buffer.from(`${canonicalize(checkpoint)!}\n`, 'utf8');

/** The checkpoint in stored bytes, or null when they are not one. */
export function parseCheckpoint(bytes: Buffer): SignedCheckpoint | null {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    return null;
  }
  const parsed = signedCheckpointSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** Whether the checkpoint's signature is over its body, by the key whose public half is given. */
export function isCheckpointSignatureValid(checkpoint: SignedCheckpoint, publicKeyPem: string): boolean {
  if (checkpoint.signature.algorithm !== DIGEST_SIGNING_ALGORITHM) return false;
  try {
    return verify('sha256', checkpointSigningBytes(checkpoint), publicKeyPem, Buffer.from(checkpoint.signature.value, 'base64'));
  } catch {
    return false;
  }
}
