import type { AuditContext } from '../audit/audit-event';
import type { Versioned } from '../shared/versioned';
import type { DryRunReport } from './dry-run';

/** What a file can import: one record per row. */
export const IMPORT_ENTITIES = ['contacts', 'companies', 'transactions'] as const;
export type ImportEntity = (typeof IMPORT_ENTITIES)[number];

/**
 * Where an import stands: waiting for its file, file read (headers known), columns mapped, a dry
 * run validating the rows (a chunk at a time, on the worker), every row validated, rows being
 * written, and done (or stopped for good).
 */
export const IMPORT_STATUSES = ['awaiting_upload', 'uploaded', 'mapped', 'validating', 'validated', 'running', 'completed', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** A row that could not be imported: its number in the file (1 = the first data row), the field, why. Never the value. */
export interface RowError {
  row: number;
  field: string;
  message: string;
}

export interface ImportProgress {
  processedRows: number;
  /** Known once a dry run or the import itself has read the whole file. */
  totalRows: number | null;
  created: number;
  /** Rows imported before (by this or an earlier import): nothing written twice. */
  skipped: number;
  failed: number;
}

/** How many row errors a job keeps and a dry run returns; the total is always counted. */
export const MAX_ROW_ERRORS = 100;

/**
 * One import of a CSV file. While it runs, its chunks are written in parallel and each records
 * itself as done (with its counts, added to the job's) once its rows are in: a chunk delivered
 * again after a crash finds its own rows by their claims and writes nothing twice, and the job
 * completes when as many chunks are done as the file has.
 */
export interface ImportJob extends Versioned {
  id: string;
  entity: ImportEntity;
  fileName: string;
  /** The uploaded file's object key in the imports bucket. */
  fileKey: string;
  status: ImportStatus;
  /** The user who created the import: the only one who sees it, and the owner of what it creates. */
  createdBy: string;
  /** The file's column headers, once it has been read. */
  headers?: string[];
  /** CSV column header → field name (null: column ignored). */
  mapping?: Record<string, string | null>;
  progress: ImportProgress;
  /** The first data row (0-based) and its byte offset in the file: where the import, and a dry run, start. */
  cursor: { row: number; byte: number };
  /** Chunks of a running import recorded as done. */
  chunksDone?: number;
  /** How many chunks the file has: known once its last chunk is done. */
  totalChunks?: number;
  /** The first {@link MAX_ROW_ERRORS} row errors of the run, and how many there were. */
  errors: RowError[];
  errorCount: number;
  /** The commit request's audit context: the worker's writes are audited as the user who started them. */
  startedBy?: AuditContext;
  /** Which contacts orders may be added to: the committer's scope (`own`: only contacts they own). */
  contactScope?: 'all' | 'own';
  /** The dry run's report: growing chunk by chunk while `validating`, final once `validated`. */
  dryRun?: DryRunReport;
  /**
   * The dry run's own checkpoint (the import's `cursor` stays at the first row for the commit),
   * moved in the same conditional write as `dryRun`, and the run's id, which scopes its seen-value claims.
   */
  validation?: { runId: string; cursor: { row: number; byte: number } };
  /** Why the job stopped, when it failed (never a row's value). */
  failure?: string;
}
