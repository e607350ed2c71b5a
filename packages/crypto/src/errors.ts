/**
 * Every failure the crypto package reports. Messages name tenants, versions and reasons only: never
 * a plaintext, a ciphertext or key material, so an error can be logged as it is.
 */
export type CryptoErrorCode =
  | 'DECRYPTION_FAILED'
  | 'KEY_NOT_FOUND'
  | 'DATA_KEY_CONFLICT'
  | 'KEY_UNWRAP_FAILED'
  | 'KEY_PROVIDER_FAILED'
  | 'INVALID_SCOPE';

/** Base of the crypto package's errors: a closed `code`, a safe message and the cause. */
export class CryptoError extends Error {
  readonly code: CryptoErrorCode;

  constructor(code: CryptoErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'CryptoError';
    this.code = code;
  }
}

/** Why a stored value could not be decrypted; for logs and metrics, not for users. */
export type DecryptionFailure = 'malformed' | 'unknown-key-version' | 'authentication-failed';

/**
 * A stored value did not decrypt: it is not in the `enc:v1:` format, its key version is unknown (or
 * the tenant's keys were shredded), or it was tampered with or copied from another tenant, item or
 * field (all of which fail the same authentication check, and cannot be told apart).
 */
export class DecryptionError extends CryptoError {
  readonly reason: DecryptionFailure;

  constructor(reason: DecryptionFailure, options: { cause?: unknown } = {}) {
    super('DECRYPTION_FAILED', `The value could not be decrypted (${reason})`, options);
    this.name = 'DecryptionError';
    this.reason = reason;
  }
}

/** The tenant has no data key of this version: it never existed, or the tenant was shredded. */
export class KeyNotFoundError extends CryptoError {
  readonly tenantId: string;
  readonly version: number;

  constructor(tenantId: string, version: number, options: { cause?: unknown } = {}) {
    super('KEY_NOT_FOUND', `Tenant ${tenantId} has no data key version ${version}`, options);
    this.name = 'KeyNotFoundError';
    this.tenantId = tenantId;
    this.version = version;
  }
}

/**
 * Another writer created this data key version first (two containers creating a tenant's first key
 * at once, or two rotations). The loser re-reads and uses the winner's key.
 */
export class DataKeyConflictError extends CryptoError {
  readonly tenantId: string;
  readonly version: number;

  constructor(tenantId: string, version: number, options: { cause?: unknown } = {}) {
    super('DATA_KEY_CONFLICT', `Tenant ${tenantId} already has data key version ${version}`, options);
    this.name = 'DataKeyConflictError';
    this.tenantId = tenantId;
    this.version = version;
  }
}

/**
 * The master key refused to unwrap a data key: it was wrapped for another tenant, under another
 * master key, or altered. Not retryable.
 */
export class KeyUnwrapError extends CryptoError {
  readonly tenantId: string;

  constructor(tenantId: string, options: { cause?: unknown } = {}) {
    super('KEY_UNWRAP_FAILED', `The data key of tenant ${tenantId} could not be unwrapped`, options);
    this.name = 'KeyUnwrapError';
    this.tenantId = tenantId;
  }
}

/** The key provider answered something unusable (a missing field, a key of the wrong size, a bad master key file). */
export class KeyProviderError extends CryptoError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('KEY_PROVIDER_FAILED', message, options);
    this.name = 'KeyProviderError';
  }
}

/** A scope that would make the authenticated data ambiguous: a part that is empty or contains the `|` separator. */
export class InvalidScopeError extends CryptoError {
  constructor(part: string, options: { cause?: unknown } = {}) {
    super('INVALID_SCOPE', `The ${part} must be non-empty and must not contain "|"`, options);
    this.name = 'InvalidScopeError';
  }
}
