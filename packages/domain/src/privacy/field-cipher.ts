/**
 * Encrypts personal fields of one tenant (implemented by @rapport/crypto: AES-256-GCM under the
 * tenant's data key, bound to tenant, item and field).
 */
export interface FieldCipher {
  encrypt(scope: { itemKey: string; field: string }, plaintext: string): Promise<string>;
  decrypt(scope: { itemKey: string; field: string }, stored: string): Promise<string>;
  /** An HMAC of a normalised value for exact-match lookups; equal values in two tenants differ. */
  blindIndex(kind: string, normalizedValue: string): Promise<string>;
}
