import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** GCM's recommended nonce size: random 96-bit IVs are safe for about 2^32 messages per key. */
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Encrypts with AES-256-GCM under a fresh random IV; returns `iv || ciphertext || tag`. */
export function seal(key: Buffer, aad: string, plaintext: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, ciphertext, cipher.getAuthTag()]);
}

/**
 * Opens what {@link seal} produced under the same key and AAD. Throws if the box is too short, was
 * altered, or was sealed under another key or AAD; callers turn that into their own typed error.
 */
export function open(key: Buffer, aad: string, sealed: Buffer): Buffer {
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new RangeError('sealed value is too short');
  const iv = sealed.subarray(0, IV_BYTES);
  const tag = sealed.subarray(sealed.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
}
