/**
 * The text form of an encrypted field: `enc:v1:<keyVersion>:<base64url(iv || ciphertext || tag)>`.
 * It names its own format and key version, so a reader knows how and with which key to open it, and
 * a writer can see that a value is under an older key and re-encrypt it.
 */
const PREFIX = 'enc:v1:';
const PATTERN = /^enc:v1:([1-9][0-9]{0,8}):([A-Za-z0-9_-]+)$/;
/** A 12-byte IV and a 16-byte tag; anything shorter cannot be a value we wrote. */
const MIN_SEALED_BYTES = 28;

export interface StoredValue {
  keyVersion: number;
  sealed: Buffer;
}

export function formatStoredValue({ keyVersion, sealed }: StoredValue): string {
  return `${PREFIX}${keyVersion}:${sealed.toString('base64url')}`;
}

/** The parts of a stored value, or null if the text is not one. */
export function parseStoredValue(text: string): StoredValue | null {
  const match = PATTERN.exec(text);
  if (!match) return null;
  const sealed = Buffer.from(match[2]!, 'base64url');
  return sealed.length < MIN_SEALED_BYTES ? null : { keyVersion: Number(match[1]), sealed };
}

