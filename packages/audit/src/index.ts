export {
  CHECKPOINTS_ROOT,
  checkpointKey,
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
export { type CheckpointBody, type SignedCheckpoint } from './checkpoint';
export { createAuditProofs, type AuditProofs, type AuditProofsOptions, type ConsistencyProof, type EventProof, type EventProofResult } from './audit-proofs';
export { verifyCheckpoints, type CheckpointsVerification, type VerifyCheckpointsOptions } from './checkpoint-check';
export { createCheckpointWriter, MAX_LEAVES_PER_RUN, type CheckpointWriter, type CheckpointWriterOptions } from './checkpoint-writer';
export { createAuditTreeStore, type AuditTreeStore, type CheckpointRecord, type TreeHead } from './tree-store';
export * as merkle from './merkle/index';
