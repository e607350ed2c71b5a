import type { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createHash } from 'node:crypto';
import { parseDigestKey, tenantDigestsPrefix } from './archive-layout';
import { chainObjectsBetween } from './archive-reader';
import { DIGEST_SIGNING_ALGORITHM } from './digest';
import type { DigestSigner } from './digest-signer';
import { getBytes, listKeys } from './s3-objects';

export interface ExportEvidenceOptions {
  s3: S3Client;
  bucket: string;
  /** The table, which says which archived objects are the chain's (superseded attempts are left out). */
  documents: DynamoDBDocumentClient;
  tableName: string;
  tenantId: string;
  from: Date;
  to: Date;
  signer: DigestSigner;
  now?: Date;
}

/** One line of an evidence bundle (JSON Lines). */
export type EvidenceLine =
  | { type: 'manifest'; tenantId: string; from: string; to: string; generatedAt: string; signing: { algorithm: string; keyId: string; publicKeyPem: string }; howToVerify: string }
  | { type: 'object'; key: string; firstSeq: number; lastSeq: number; sha256: string; contentBase64: string }
  | { type: 'digest'; key: string; sha256: string; contentBase64: string };

/**
 * A period of a tenant's audit trail as self-contained evidence: the archived objects exactly as
 * stored (gzipped JSON Lines of events, byte for byte, so their SHA-256 can be checked), every
 * digest that covers them, and the public key that verifies the digests' signatures. Nothing is
 * re-encoded, so a third party can verify the bundle without trusting us.
 */
export async function* exportAuditEvidence(options: ExportEvidenceOptions): AsyncGenerator<EvidenceLine> {
  const { s3, bucket, tenantId } = options;
  yield {
    type: 'manifest',
    tenantId,
    from: options.from.toISOString(),
    to: options.to.toISOString(),
    generatedAt: (options.now ?? new Date()).toISOString(),
    signing: { algorithm: DIGEST_SIGNING_ALGORITHM, keyId: options.signer.keyId, publicKeyPem: await options.signer.publicKeyPem() },
    howToVerify:
      'Each object is gzipped JSON Lines of audit events; its SHA-256 (of the gzip bytes) is listed in a digest. ' +
      'Each digest is canonical JSON (RFC 8785) signed with ECDSA P-256/SHA-256 over its body without "signature", ' +
      'and names the previous digest. Each event carries the SHA-256 of the previous event (prevHash) and its own (hash).',
  };

  const objectKeys = await chainObjectsBetween(options);
  let lowest = Number.POSITIVE_INFINITY;
  let highest = 0;
  for (const { key, name } of objectKeys) {
    const bytes = await getBytes(s3, bucket, key);
    if (!bytes) continue;
    lowest = Math.min(lowest, name.firstSeq);
    highest = Math.max(highest, name.lastSeq);
    yield { type: 'object', key, firstSeq: name.firstSeq, lastSeq: name.lastSeq, sha256: sha256(bytes), contentBase64: bytes.toString('base64') };
  }

  // The digests covering those objects, and the one just before them (which the first names).
  const digests = (await listKeys(s3, bucket, tenantDigestsPrefix(tenantId)))
    .map((key) => ({ key, range: parseDigestKey(key) }))
    .filter((digest) => digest.range !== null)
    .sort((a, b) => a.range!.firstSeq - b.range!.firstSeq);
  const covering = digests.findIndex((digest) => digest.range!.lastSeq >= lowest);
  const start = covering > 0 ? covering - 1 : Math.max(covering, 0);
  for (const digest of digests.slice(start)) {
    if (digest.range!.firstSeq > highest) break;
    const bytes = await getBytes(s3, bucket, digest.key);
    if (bytes) yield { type: 'digest', key: digest.key, sha256: sha256(bytes), contentBase64: bytes.toString('base64') };
  }
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
