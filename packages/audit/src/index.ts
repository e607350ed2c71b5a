export {
  DIGESTS_ROOT,
  EVENTS_ROOT,
  EVENTS_CONTENT_ENCODING,
  EVENTS_CONTENT_TYPE,
  EVENTS_METADATA,
  digestKey,
  eventsDatePrefix,
  eventsObjectKey,
  parseDigestKey,
  parseEventsObjectKey,
  tenantDigestsPrefix,
  tenantEventsPrefix,
  type EventsObjectName,
} from './archive-layout';
export { AUDIT_STREAM_FILTER, matchesAuditStreamFilter, matchesPattern } from './stream-filter';
export { decodeEvents, encodeEventLines } from './event-lines';
export type { ArchivedMarker, ArchivedObjectRecord, DigestedMarker } from './audit-bookkeeping';
export type { AuditLogger } from './audit-logger';
export { createAuditArchiver, type AuditArchiver, type AuditArchiverOptions } from './archiver';
export { DIGEST_SIGNING_ALGORITHM, type DigestBody, type DigestObjectEntry, type SignedDigest } from './digest';
export type { DigestSigner } from './digest-signer';
export { KmsDigestSigner, KMS_MAX_RAW_MESSAGE_BYTES, type KmsDigestSignerOptions } from './kms-digest-signer';
export { LocalDigestSigner, type LocalDigestSignerOptions } from './local-digest-signer';
export { createDigestWriter, MAX_OBJECTS_PER_DIGEST, type DigestWriter, type DigestWriterOptions } from './digest-writer';
export type { AuditProblem, AuditTrailVerification, ProblemKind } from './audit-problems';
export { verifyAuditTrail, DEFAULT_LATE_AFTER_MS, type VerifyAuditTrailOptions } from './verify-audit-trail';
export { readArchivedEvents, type ArchivedEventsFilter, type ReadArchivedEventsOptions } from './archive-reader';
export {
  AuditError,
  ArchiveUnreadableError,
  ArchiveWriteError,
  ChainBrokenError,
  ChainGapError,
  DigestRunError,
  MarkerConflictError,
  SignerMisconfiguredError,
  SigningError,
  type AuditErrorCode,
} from './errors';
export { exportAuditEvidence, type EvidenceLine, type ExportEvidenceOptions } from './export-evidence';
