import { createHash, randomBytes } from 'node:crypto';
import { isId } from '../shared/ids';

/**
 * An invitation token: `<tenantId>.<secret>`. The tenant part only says where to look; the secret
 * (256 random bits) is what grants access, and only its SHA-256 is stored, so a leaked table
 * leaks no usable token.
 */
export function newInviteToken(tenantId: string): { token: string; tokenHash: string } {
  const secret = randomBytes(32).toString('base64url');
  return { token: `${tenantId}.${secret}`, tokenHash: hashSecret(secret) };
}

export function parseInviteToken(token: string): { tenantId: string; tokenHash: string } | null {
  const [tenantId, secret, ...rest] = token.split('.');
  if (!tenantId || !secret || rest.length > 0 || !isId(tenantId) || !/^[A-Za-z0-9_-]{43}$/.test(secret)) return null;
  return { tenantId, tokenHash: hashSecret(secret) };
}

function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

/** How long an invitation works. */
export const INVITE_VALIDITY_DAYS = 7;
