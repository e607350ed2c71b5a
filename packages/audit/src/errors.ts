/**
 * Every failure the audit package reports. Messages and details name tenants, sequence numbers and
 * object keys only, never an event's content, so an error can be logged as it is.
 */
export type AuditErrorCode =
  | 'CHAIN_GAP'
  | 'CHAIN_BROKEN'
  | 'MARKER_CONFLICT'
  | 'ARCHIVE_WRITE_FAILED'
  | 'ARCHIVE_UNREADABLE'
  | 'SIGNING_FAILED'
  | 'SIGNER_MISCONFIGURED'
  | 'DIGEST_RUN_FAILED';

export interface AuditErrorOptions {
  cause?: unknown;
  /** Structural context (tenant, seq, key), never event content. */
  details?: Record<string, unknown>;
}

/** Base of the audit package's errors: a closed `code`, a safe message, structural details and the cause. */
export class AuditError extends Error {
  readonly code: AuditErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: AuditErrorCode, message: string, options: AuditErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = 'AuditError';
    this.code = code;
    if (options.details) this.details = options.details;
  }
}

/** The events do not continue the archived chain: a sequence number is missing before them. */
export class ChainGapError extends AuditError {
  constructor(tenantId: string, expectedSeq: number, actualSeq: number, options: AuditErrorOptions = {}) {
    super('CHAIN_GAP', `Tenant ${tenantId}: expected audit event ${expectedSeq}, got ${actualSeq}`, {
      ...options,
      details: { tenantId, expectedSeq, actualSeq },
    });
    this.name = 'ChainGapError';
  }
}

/** An event's hash does not match its content, or its `prevHash` does not link to its predecessor. */
export class ChainBrokenError extends AuditError {
  constructor(tenantId: string, seq: number, reason: 'hash' | 'link', options: AuditErrorOptions = {}) {
    const what = reason === 'hash' ? 'its hash does not match its content' : 'its prevHash does not link to the previous event';
    super('CHAIN_BROKEN', `Tenant ${tenantId}: audit event ${seq} is refused: ${what}`, { ...options, details: { tenantId, seq, reason } });
    this.name = 'ChainBrokenError';
  }
}

/** Another writer moved a bookkeeping marker (archived or digested) since it was read. */
export class MarkerConflictError extends AuditError {
  constructor(tenantId: string, marker: 'archived' | 'digested' | 'checkpointed', expectedSeq: number, options: AuditErrorOptions = {}) {
    super('MARKER_CONFLICT', `Tenant ${tenantId}: the ${marker} marker is no longer at ${expectedSeq}`, {
      ...options,
      details: { tenantId, marker, expectedSeq },
    });
    this.name = 'MarkerConflictError';
  }
}

/** Writing an archive or digest object to S3 failed. */
export class ArchiveWriteError extends AuditError {
  constructor(key: string, options: AuditErrorOptions = {}) {
    super('ARCHIVE_WRITE_FAILED', `Writing ${key} to the audit archive failed`, { ...options, details: { key } });
    this.name = 'ArchiveWriteError';
  }
}

/** An archived object could not be read as gzip JSON Lines or a digest. */
export class ArchiveUnreadableError extends AuditError {
  constructor(key: string, reason: string, options: AuditErrorOptions = {}) {
    super('ARCHIVE_UNREADABLE', `${key} cannot be read: ${reason}`, { ...options, details: { key, reason } });
    this.name = 'ArchiveUnreadableError';
  }
}

/** The digest signer failed to sign or to give its public key. */
export class SigningError extends AuditError {
  constructor(keyId: string, options: AuditErrorOptions = {}) {
    super('SIGNING_FAILED', `Signing with ${keyId} failed`, { ...options, details: { keyId } });
    this.name = 'SigningError';
  }
}

/** The signer's key is not the kind digests are signed with (an ECDSA P-256 key). */
export class SignerMisconfiguredError extends AuditError {
  constructor(keyId: string, reason: string, options: AuditErrorOptions = {}) {
    super('SIGNER_MISCONFIGURED', `The signing key ${keyId} cannot sign digests: ${reason}`, { ...options, details: { keyId, reason } });
    this.name = 'SignerMisconfiguredError';
  }
}

/** A digest run finished for some tenants but failed for others (each failure is logged). */
export class DigestRunError extends AuditError {
  constructor(failedTenants: string[], digestsWritten: number, options: AuditErrorOptions = {}) {
    super('DIGEST_RUN_FAILED', `Digests failed for ${failedTenants.length} tenant(s); ${digestsWritten} written`, {
      ...options,
      details: { failedTenants, digestsWritten },
    });
    this.name = 'DigestRunError';
  }
}
