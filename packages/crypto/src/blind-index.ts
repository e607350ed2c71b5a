import { createHmac, hkdfSync } from 'node:crypto';

const KEY_BYTES = 32;

/**
 * The tenant's blind-index key, from its data key version 1. Version 1 on purpose: an index value
 * must stay the same for the life of the tenant, or rotating the data key would orphan every stored
 * index (a lookup by email would compute a value no item carries). Rotation re-wraps version 1 but
 * never replaces it, so it lives exactly as long as the tenant's data, and shredding it retires the
 * index values with the ciphertexts.
 */
export function deriveBlindIndexKey(dataKeyVersion1: Buffer, tenantId: string): Buffer {
  return Buffer.from(hkdfSync('sha256', dataKeyVersion1, tenantId, 'rapport/blind-index/v1', KEY_BYTES));
}

/**
 * An exact-match lookup value for a normalised plaintext: base64url(HMAC-SHA256(k, value)) with k
 * derived per `kind`, so an email and a phone number that happen to be equal strings index
 * differently, and one kind's values cannot be matched against another's.
 */
export function blindIndexValue(blindIndexKey: Buffer, kind: string, normalizedValue: string): string {
  const kindKey = Buffer.from(hkdfSync('sha256', blindIndexKey, Buffer.alloc(0), kind, KEY_BYTES));
  return createHmac('sha256', kindKey).update(normalizedValue, 'utf8').digest('base64url');
}
