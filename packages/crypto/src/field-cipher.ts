import { open, seal } from './aes-gcm';
import { blindIndexValue } from './blind-index';
import { DecryptionError, InvalidScopeError, KeyNotFoundError } from './errors';
import { formatStoredValue, parseStoredValue } from './stored-value';
import type { TenantKeyring } from './tenant-keyring';

/** Where an encrypted value lives; bound into its ciphertext, so it opens only there. */
export interface FieldScope {
  /** The item's stable id within the tenant (for example the contact id). */
  itemKey: string;
  /** The attribute name (for example `email`). */
  field: string;
}

/**
 * Field-level encryption for one tenant: the port the domain depends on. Values are encrypted under
 * the tenant's active data key and bound to tenant, item and field, so a ciphertext copied anywhere
 * else does not decrypt.
 */
export interface FieldCipher {
  /** `enc:v1:<keyVersion>:<base64url(iv || ciphertext || tag)>`; a fresh IV each time, so equal values encrypt differently. */
  encrypt(scope: FieldScope, plaintext: string): Promise<string>;
  /** Throws `DecryptionError` if the value is malformed, tampered with, from another scope, or under an unknown key version. */
  decrypt(scope: FieldScope, stored: string): Promise<string>;
  /** The key version a stored value is encrypted under, or null if it is not an encrypted value. */
  keyVersionOf(stored: string): number | null;
  /**
   * Whether a stored value is in the encrypted format (to find values still to encrypt, or under an
   * older key, when writing). Never a test on input: input is encrypted unconditionally, or a caller
   * could store plaintext by sending something that looks encrypted.
   */
  isEncrypted(value: unknown): boolean;
  /** A deterministic lookup value for an exact match on an encrypted field; `kind` separates fields (`email`, `phone`). */
  blindIndex(kind: string, normalizedValue: string): Promise<string>;
}

/** The part of the keyring a cipher uses. */
export type FieldKeys = Pick<TenantKeyring, 'activeKey' | 'keyFor' | 'blindIndexKey'>;

/** A {@link FieldCipher} for one tenant, using that tenant's keys from the keyring. */
export function createFieldCipher(keyring: FieldKeys, tenantId: string): FieldCipher {
  requireScopePart('tenant id', tenantId);
  const aad = ({ itemKey, field }: FieldScope) => {
    requireScopePart('item key', itemKey);
    requireScopePart('field', field);
    return `rapport-field|v1|${tenantId}|${itemKey}|${field}`;
  };

  return {
    async encrypt(scope, plaintext) {
      const additionalData = aad(scope);
      const { version, key } = await keyring.activeKey(tenantId);
      return formatStoredValue({ keyVersion: version, sealed: seal(key, additionalData, Buffer.from(plaintext, 'utf8')) });
    },

    async decrypt(scope, stored) {
      const additionalData = aad(scope);
      const parsed = parseStoredValue(stored);
      if (!parsed) throw new DecryptionError('malformed');
      let key: Buffer;
      try {
        key = await keyring.keyFor(tenantId, parsed.keyVersion);
      } catch (error) {
        // A missing key is this value's problem; anything else (the store or KMS failing) is not, and may be retried.
        if (error instanceof KeyNotFoundError) throw new DecryptionError('unknown-key-version', { cause: error });
        throw error;
      }
      try {
        return open(key, additionalData, parsed.sealed).toString('utf8');
      } catch (error) {
        throw new DecryptionError('authentication-failed', { cause: error });
      }
    },

    keyVersionOf(stored) {
      return parseStoredValue(stored)?.keyVersion ?? null;
    },

    isEncrypted(value) {
      return typeof value === 'string' && parseStoredValue(value) !== null;
    },

    async blindIndex(kind, normalizedValue) {
      requireScopePart('blind-index kind', kind);
      return blindIndexValue(await keyring.blindIndexKey(tenantId), kind, normalizedValue);
    },
  };
}

/** `|` separates the parts of the authenticated data; allowing it would let two different scopes produce the same one. */
function requireScopePart(part: string, value: string): void {
  if (value === '' || value.includes('|')) throw new InvalidScopeError(part);
}
