import { parseDigestKey } from './archive-layout';
import type { AuditProblem } from './audit-problems';
import { isDigestSignatureValid, parseDigest, type DigestObjectEntry, type SignedDigest } from './digest';
import { sha256Hex } from './event-lines';

/** A digest as read from the archive: its key and stored bytes (null if it vanished while being read). */
export interface StoredDigest {
  key: string;
  bytes: Buffer | null;
}

/** An object as a digest lists it; `trusted` when that digest's signature verifies. */
export interface ListedObject extends DigestObjectEntry {
  digestKey: string;
  trusted: boolean;
}

export interface DigestChainCheck {
  problems: AuditProblem[];
  /** Every object some digest lists, by key. */
  listed: Map<string, ListedObject>;
  /** The last seq the digests cover (0 with no digests): objects after it are pending, not unlisted. */
  lastDigestedSeq: number;
}

/**
 * Checks a tenant's digests, given in key (so seq) order: each must be readable, this tenant's,
 * signed by the given key, internally contiguous, and linked to the one before it by key and
 * SHA-256 of its stored bytes, starting at seq 1.
 */
export function checkDigestChain(tenantId: string, digests: readonly StoredDigest[], publicKeyPem: string): DigestChainCheck {
  const problems: AuditProblem[] = [];
  const listed = new Map<string, ListedObject>();
  let lastDigestedSeq = 0;
  let previous: { key: string; sha256: string; lastSeq: number } | null = null;

  for (const { key, bytes } of digests) {
    const name = parseDigestKey(key);
    const digest = bytes ? parseDigest(bytes) : null;
    const reason = invalidity(tenantId, name, digest, publicKeyPem);
    if (reason) problems.push({ kind: 'digest_invalid', object: key, detail: reason });
    const trusted = reason === null;

    if (digest) {
      const expectedFirst = (previous?.lastSeq ?? 0) + 1;
      const link = digest.previousDigest;
      if (previous === null ? link !== null : link?.key !== previous.key || link.sha256 !== previous.sha256) {
        problems.push({ kind: 'digest_chain_broken', object: key, detail: previous ? `it does not link to the previous digest ${previous.key}` : 'the first digest names a previous one' });
      } else if (digest.firstSeq !== expectedFirst) {
        problems.push({ kind: 'digest_chain_broken', object: key, detail: `it starts at seq ${digest.firstSeq}, not ${expectedFirst}` });
      }
      for (const object of digest.objects) listed.set(object.key, { ...object, digestKey: key, trusted });
    }
    // The key's own range counts even for a digest that cannot be read, so what it covered is not called unlisted.
    const lastSeq: number = digest?.lastSeq ?? name?.lastSeq ?? previous?.lastSeq ?? 0;
    lastDigestedSeq = Math.max(lastDigestedSeq, lastSeq);
    previous = { key, sha256: bytes ? sha256Hex(bytes) : '', lastSeq };
  }
  return { problems, listed, lastDigestedSeq };
}

/** Why a digest cannot be trusted, or null when it can. */
function invalidity(tenantId: string, name: ReturnType<typeof parseDigestKey>, digest: SignedDigest | null, publicKeyPem: string): string | null {
  if (!digest) return 'not a readable digest';
  if (digest.tenantId !== tenantId) return "it is another tenant's digest";
  if (!isDigestSignatureValid(digest, publicKeyPem)) return 'its signature does not verify';
  if (!name || digest.firstSeq !== name.firstSeq || digest.lastSeq !== name.lastSeq) return 'its seq range differs from its name';
  if (!coversContiguously(digest.objects, digest.firstSeq, digest.lastSeq)) return 'its objects do not cover its seq range without gaps';
  return null;
}

function coversContiguously(objects: readonly DigestObjectEntry[], firstSeq: number, lastSeq: number): boolean {
  let next = firstSeq;
  for (const object of objects) {
    if (object.firstSeq !== next || object.lastSeq < object.firstSeq) return false;
    next = object.lastSeq + 1;
  }
  return next === lastSeq + 1;
}
