import { createPrivateKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createRequire } from 'node:module';

/**
 * Signs JWTs for the token-verification tests. cognito-local signs every pool's tokens with one
 * RSA key that ships in its package: signing with it yields tokens whose signature verifies, so a
 * test can vary exactly one claim (issuer, client, expiry, token use) and see that claim refused.
 */
const cognitoLocalKey: KeyObject = createPrivateKey({
  key: (createRequire(import.meta.url)('cognito-local/lib/keys/cognitoLocal.private.json') as { jwk: Record<string, string> }).jwk,
  format: 'jwk',
});

/** A key nobody trusts: a forgery that claims cognito-local's key id. */
const strangerKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

export function signToken(payload: Record<string, unknown>, options: { key?: 'cognito-local' | 'stranger'; kid?: string } = {}): string {
  const header = { alg: 'RS256', typ: 'JWT', kid: options.kid ?? 'CognitoLocal' };
  const signingInput = `${encode(header)}.${encode(payload)}`;
  const key = options.key === 'stranger' ? strangerKey : cognitoLocalKey;
  return `${signingInput}.${sign('RSA-SHA256', Buffer.from(signingInput), key).toString('base64url')}`;
}

/** An unsigned token (`alg: none`), the oldest trick against JWT libraries. */
export function unsignedToken(payload: Record<string, unknown>): string {
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(payload)}.`;
}

/** The claims of a token, unverified: to copy a real token's claims into a variant. */
export function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}
