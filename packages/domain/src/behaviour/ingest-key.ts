import { createHash, randomBytes } from 'node:crypto';

/**
 * An ingest key's secret: 256 random bits, shown once at creation and stored only as its SHA-256.
 * It can do one thing, add behaviour events, so it may live in a website's JavaScript.
 */
export function newIngestSecret(): { secret: string; secretHash: string } {
  const secret = `rik_${randomBytes(32).toString('base64url')}`;
  return { secret, secretHash: hashIngestSecret(secret) };
}

export function hashIngestSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}
