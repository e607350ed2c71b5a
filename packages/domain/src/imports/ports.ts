import type { Audited } from '../access/ports';
import type { StoredContact } from '../contacts/contact';
import type { Company } from '../customers/company';
import type { Transaction } from '../customers/customer-record';
import type { ImportEntity, ImportJob, RowError } from './import-job';

/** A chunk of an import's file: its place in the chain of chunks, and the row and byte it starts at. */
export interface ImportChunk {
  index: number;
  row: number;
  byte: number;
}

/** What one chunk of an import did, recorded once when its rows are all in. */
export interface ChunkResult {
  index: number;
  /** The row and byte after the chunk's last row: where the next chunk starts. */
  end: { row: number; byte: number };
  /** Whether the chunk ended the file. */
  last: boolean;
  counts: { processedRows: number; created: number; skipped: number; failed: number; errorCount: number };
  /** The chunk's first {@link MAX_ROW_ERRORS} row errors. */
  errors: RowError[];
}

/** Import jobs of one tenant, bound to it when created. */
export interface ImportJobRepository {
  create(job: ImportJob, audit: Audited): Promise<void>;
  get(id: string): Promise<ImportJob | null>;
  /**
   * Writes `next` if the stored job is still at `expectedVersion` (and audits it, when `audit` is
   * given). Throws VersionConflictError when another request moved it first.
   */
  replace(next: ImportJob, expectedVersion: number, audit?: Audited): Promise<void>;
  /**
   * Claims a value (by its blind index, never in clear) for a dry run's row, with a conditional
   * put: returns the row that holds the claim, `row` itself when it is the first (or a retry of the
   * same row), an earlier row when the value was seen before.
   */
  claimSeenValue(importId: string, claim: { runId: string; field: string; blindIndex: string; row: number }): Promise<number>;
  /**
   * Claims a name blocking key (by its blind index) for a dry run's row, keeping the row's name and
   * company (`sealed`: encrypted by the caller) with the claim, for a later chunk to compare its
   * rows with: returns the claim's row and sealed person, this row's own when it is the first (or
   * a retry of the same row).
   */
  claimSeenPerson(importId: string, claim: { runId: string; blindIndex: string; row: number; sealed: string }): Promise<{ row: number; sealed: string }>;
  /** A running import's chunk, once done: null while it is not. */
  chunkDone(importId: string, index: number): Promise<ChunkResult | null>;
  /**
   * Records a chunk as done and adds its counts to the running job, in one conditional write: a
   * chunk is counted once however often it is delivered. Returns the job with the counts added, or
   * null when the chunk was recorded before (or the job no longer runs).
   */
  completeChunk(importId: string, result: ChunkResult): Promise<ImportJob | null>;
  /** The row errors of the job's chunks, in row order, the first {@link MAX_ROW_ERRORS}. */
  chunkErrors(importId: string): Promise<RowError[]>;
}

/** What fuzzy duplicate detection compares of a row: its name and company, held in clear as a contact's are. */
export interface SeenPerson {
  firstName: string;
  lastName?: string | undefined;
  company?: string | undefined;
  companyId?: string | undefined;
}

/** The uploaded files (S3 in AWS, s3rver locally). */
export interface ImportFileStore {
  /** A URL the client PUTs the file to (`content-type: text/csv`), valid for `expiresInSeconds`. */
  uploadUrl(fileKey: string, expiresInSeconds: number): Promise<string>;
  /** The file's bytes from `fromByte` on; null when nothing was uploaded. */
  read(fileKey: string, fromByte?: number): Promise<AsyncIterable<Uint8Array> | null>;
  delete(fileKey: string): Promise<void>;
}

/** Which job to continue, and whether its dry run or its import: the job itself says from where. */
export interface ImportChunkMessage {
  tenantId: string;
  importId: string;
  mode?: 'dry-run';
  /**
   * The import's chunk to write (none: the first, at the job's start). Each chunk queues the next
   * as soon as it has read its rows, so chunks are written in parallel, as many as the queue's
   * consumers allow.
   */
  chunk?: ImportChunk;
  /**
   * Set on a chain restarted by a commit of a running job: a chunk found done forwards the chain
   * instead of stopping, so chunks whose messages were lost are found and written.
   */
  resumed?: boolean;
}

/** Hands the next chunk of a job to a worker (SQS in AWS, the local stack's queue locally). */
export interface ImportChunkQueue {
  send(message: ImportChunkMessage): Promise<void>;
}

/** A record to create, with its row's fingerprint (claimed in the same transaction). */
export type ImportRecord =
  | { kind: 'contact'; fingerprint: string; value: StoredContact }
  | { kind: 'company'; fingerprint: string; value: Company }
  | { kind: 'transaction'; fingerprint: string; value: Transaction };

/** Why a batch was not written. */
export type BatchConflict =
  /** A row was claimed since it was checked (another import of the same row, or another delivery of this chunk): re-check it. */
  | { kind: 'claimed'; index: number }
  /** An order's contact was deleted since it was looked up. */
  | { kind: 'contact_gone'; index: number };

/**
 * Who holds a row's claim: the import and the file row that wrote it, so a retried chunk knows
 * its own rows from rows imported before (claims written before imports recorded them have neither).
 */
export interface RowClaim {
  importId?: string;
  row?: number;
}

/** A record to write with its claim, and where it comes from. */
export type ClaimedRecord = ImportRecord & { row: number };

/**
 * Writes imported rows in batched transactions: the records, a claim on each row's fingerprint
 * (so no row is ever imported twice, and each claim names the import and row that wrote it), and
 * one audit event. Batches share no item of the job, so batches and chunks are written in parallel;
 * a chunk is recorded done once, after all of its batches.
 */
export interface ImportRowWriter {
  /** How many rows of this entity fit in one transaction. */
  maxRowsPerBatch(entity: ImportEntity): number;
  /** The claims already held on these fingerprints, by fingerprint. */
  claimed(entity: ImportEntity, fingerprints: readonly string[]): Promise<Map<string, RowClaim>>;
  /** One transaction: `records` with their claims (naming `importId` and each record's row), audited. */
  writeBatch(entity: ImportEntity, input: { importId: string; records: readonly ClaimedRecord[]; audit: Audited }): Promise<BatchConflict | null>;
}
