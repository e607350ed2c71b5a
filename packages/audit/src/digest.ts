import canonicalize from 'canonicalize';
import { verify } from 'node:crypto';
import * as z from 'zod';

/** One archived events object as a digest commits to it. */
export interface DigestObjectEntry {
  key: string;
  /** SHA-256 (hex) of the object's stored bytes. */
  sha256: string;
  firstSeq: number;
  lastSeq: number;
  /** The hash of the object's last event. */
  chainHead: string;
}

/**
 * What a digest signs: a contiguous run of a tenant's archived objects, linked to the digest before
 * it by key and SHA-256 of its stored bytes, so digests form a chain of their own and none can be
 * dropped or replaced unnoticed.
 */
export interface DigestBody {
  version: 1;
  tenantId: string;
  createdAt: string;
  firstSeq: number;
  lastSeq: number;
  objects: DigestObjectEntry[];
  previousDigest: { key: string; sha256: string } | null;
}

/** A digest as stored: its body and the signature over the body's canonical JSON. */
export interface SignedDigest extends DigestBody {
  signature: {
    /** `ECDSA_SHA_256`: ECDSA over P-256 with SHA-256, DER-encoded (what KMS returns). */
    algorithm: string;
    keyId: string;
    /** Base64. */
    value: string;
  };
}

/** The one signing algorithm digests use, named as KMS names it. */
export const DIGEST_SIGNING_ALGORITHM = 'ECDSA_SHA_256';

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
const seq = z.number().int().positive();

const signedDigestSchema = z.strictObject({
  version: z.literal(1),
  tenantId: z.string().min(1),
  createdAt: z.string(),
  firstSeq: seq,
  lastSeq: seq,
  objects: z.array(z.strictObject({ key: z.string(), sha256: sha256Hex, firstSeq: seq, lastSeq: seq, chainHead: z.string() })).min(1),
  previousDigest: z.strictObject({ key: z.string(), sha256: sha256Hex }).nullable(),
  signature: z.strictObject({ algorithm: z.string(), keyId: z.string(), value: z.string() }),
});

/** The bytes a digest's signature covers: the canonical JSON (RFC 8785) of its body. */
export function digestSigningBytes(body: DigestBody): Buffer {
  const { signature: _signature, ...unsigned } = body as SignedDigest;
  return Buffer.from(canonicalize(unsigned)!, 'utf8');
}

/** A digest's stored bytes; its SHA-256 is what the next digest links to. */
export const encodeDigest = (digest: SignedDigest): Buffer => Buffer.from(`${canonicalize(digest)!}\n`, 'utf8');

/** The digest in stored bytes, or null when they are not one (not JSON, or not a digest's shape). */
export function parseDigest(bytes: Buffer): SignedDigest | null {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    return null;
  }
  const parsed = signedDigestSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** Whether the digest's signature is over its body, by the key whose public half is given. */
export function isDigestSignatureValid(digest: SignedDigest, publicKeyPem: string): boolean {
  if (digest.signature.algorithm !== DIGEST_SIGNING_ALGORITHM) return false;
  try {
    return verify('sha256', digestSigningBytes(digest), publicKeyPem, Buffer.from(digest.signature.value, 'base64'));
  } catch {
    return false;
  }
}
