import type { ContactRepository } from '../contacts/ports';
import type { FieldCipher } from '../privacy/field-cipher';
import type { Clock } from '../shared/clock';
import type { AuditAction } from '../audit/audit-event';
import { readRows, type CsvRow } from './csv-rows';
import type { FieldDefinitionRepository } from '../fields/ports';
import { validateRow } from './import-fields';
import { MAX_ROW_ERRORS, type ImportEntity, type ImportJob, type RowError } from './import-job';
import { runDryRunChunk } from './dry-run';
import { chunkSpecOf, createContactResolver, fingerprintOf, recordOf } from './import-records';
import type { ImportChunkMessage, ImportChunkQueue, ImportFileStore, ImportJobRepository, ImportRecord, ImportRowWriter } from './ports';

/** Rows one invocation imports: well within a Lambda's time, even for orders, which look their contact up. */
export const DEFAULT_CHUNK_ROWS = 1000;

export interface ImportWorkerDeps {
  jobs: ImportJobRepository;
  files: ImportFileStore;
  queue: ImportChunkQueue;
  rows: ImportRowWriter;
  contacts: ContactRepository;
  cipher: FieldCipher;
  /** The tenant's custom field definitions: read once per chunk. */
  fields: FieldDefinitionRepository;
  clock: Clock;
  chunkRows?: number;
}

const IMPORTED: Record<ImportEntity, AuditAction> = {
  contacts: 'contacts.imported',
  companies: 'companies.imported',
  transactions: 'transactions.imported',
};

/** What one invocation did. */
export type ChunkOutcome = 'continued' | 'completed' | 'failed' | 'stale';

/**
 * Imports the next chunk of a job (or validates it, for a dry run's message: see runDryRunChunk) (the ports bound to the message's tenant) and hands the rest to
 * the queue. The job is the checkpoint, not the message: each batch's transaction moves the job's
 * cursor with the rows it writes, so after a crash anywhere the message, delivered again, resumes
 * at the first row not written; a duplicate message finds the job moved on and stops (`stale`).
 */
export async function runImportChunk(deps: ImportWorkerDeps, message: ImportChunkMessage): Promise<ChunkOutcome> {
  if (message.mode === 'dry-run') return runDryRunChunk({ ...deps, chunkRows: deps.chunkRows ?? DEFAULT_CHUNK_ROWS }, message);
  let job = await deps.jobs.get(message.importId);
  if (!job || job.status !== 'running' || !job.startedBy) return 'stale';
  const file = await deps.files.read(job.fileKey, job.cursor.byte);
  if (!file) {
    await deps.jobs.replace(moved(job, deps.clock, { status: 'failed', failure: 'The uploaded file is gone: upload it again and start a new import' }), job.version);
    return 'failed';
  }

  const { spec, codec } = await chunkSpecOf(deps, job.entity);
  const chunkRows = deps.chunkRows ?? DEFAULT_CHUNK_ROWS;
  const resolveContact = createContactResolver(deps, { seesAll: job.contactScope === 'all', userId: job.createdBy });

  // 1. The chunk's rows, validated and fingerprinted.
  const read: { row: CsvRow; outcome: Prepared }[] = [];
  let endOfFile = true;
  try {
    for await (const row of readRows(file, job.cursor)) {
      const result = validateRow(spec, job.headers ?? [], job.mapping ?? {}, row.values, row.row);
      if (!result.ok) read.push({ row, outcome: { errors: result.errors } });
      else {
        const contact = job.entity === 'transactions' ? await resolveContact(result.cells) : undefined;
        if (contact && 'field' in contact) read.push({ row, outcome: { errors: [{ row: row.row, ...contact }] } });
        else {
          const fingerprint = await fingerprintOf(deps.cipher, job.entity, result.input, contact?.contactId);
          read.push({ row, outcome: { input: result.input, fingerprint, ...(contact ? { contactId: contact.contactId } : {}) } });
        }
      }
      if (read.length >= chunkRows) {
        endOfFile = false;
        break;
      }
    }
  } catch (error) {
    if (!isCsvError(error)) throw error;
    const failed = moved(job, deps.clock, { status: 'failed', failure: `The file is not valid CSV after row ${read.at(-1)?.row.row ?? job.cursor.row}` });
    await deps.jobs.replace(failed, job.version);
    return 'failed';
  }

  // 2. Rows imported before (by any import) or earlier in this chunk are skipped; the rest become records, sealed.
  const claimed = await deps.rows.claimed(job.entity, read.flatMap(({ outcome }) => ('fingerprint' in outcome ? [outcome.fingerprint] : [])));
  const seen = new Set<string>();
  const now = deps.clock.now().toISOString();
  const { createdBy: owner, entity } = job;
  const entries: Entry[] = await Promise.all(
    read.map(async ({ row, outcome }): Promise<Entry> => {
      if (!('fingerprint' in outcome)) return { row, outcome };
      if (claimed.has(outcome.fingerprint) || seen.has(outcome.fingerprint)) return { row, outcome: { skipped: true } };
      seen.add(outcome.fingerprint);
      const context = { cipher: deps.cipher, codec, ownerId: owner, now, fingerprint: outcome.fingerprint, ...(outcome.contactId ? { contactId: outcome.contactId } : {}) };
      return { row, outcome: { record: await recordOf(entity, outcome.input, context) } };
    }),
  );

  // 3. Batches of as many records as a transaction holds, each moving the checkpoint past its rows.
  const perBatch = deps.rows.maxRowsPerBatch(job.entity);
  const options = { action: IMPORTED[job.entity], fields: Object.values(job.mapping ?? {}).filter((field): field is string => field !== null).sort() };
  try {
    let batch: Entry[] = [];
    let records = 0;
    for (const [index, entry] of entries.entries()) {
      batch.push(entry);
      if ('record' in entry.outcome) records += 1;
      const last = index === entries.length - 1;
      if (records >= perBatch || (last && !endOfFile)) {
        job = await writeBatch(deps, job, batch, { ...options, cursor: { row: entry.row.row, byte: entry.row.endByte }, final: false });
        batch = [];
        records = 0;
      }
    }
    if (endOfFile) {
      const lastRow = batch.at(-1)?.row;
      job = await writeBatch(deps, job, batch, { ...options, cursor: lastRow ? { row: lastRow.row, byte: lastRow.endByte } : job.cursor, final: true });
      return 'completed';
    }
  } catch (error) {
    if (error instanceof StaleJobError) return 'stale';
    throw error;
  }
  await deps.queue.send(message);
  return 'continued';
}

type Prepared = { errors: RowError[] } | { input: unknown; fingerprint: string; contactId?: string };
type Entry = { row: CsvRow; outcome: { errors: RowError[] } | { skipped: true } | { record: ImportRecord } };

class StaleJobError extends Error {}

function isCsvError(error: unknown): boolean {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('CSV_');
}

function moved(job: ImportJob, clock: Clock, changes: Partial<ImportJob>): ImportJob {
  return { ...job, ...changes, version: job.version + 1, updatedAt: clock.now().toISOString() };
}

/**
 * Writes one batch in one transaction: its new records with their claims, the job with its cursor
 * past the batch's rows and its counts. A row claimed in between (a concurrent import of the same
 * content) is skipped and the batch tried again without it.
 */
async function writeBatch(
  deps: ImportWorkerDeps,
  job: ImportJob,
  batch: Entry[],
  options: { cursor: { row: number; byte: number }; final: boolean; action: AuditAction; fields: string[] },
): Promise<ImportJob> {
  const errors = batch.flatMap(({ outcome }) => ('errors' in outcome ? outcome.errors : []));
  let failed = batch.filter(({ outcome }) => 'errors' in outcome).length;
  let records = batch.flatMap(({ outcome }) => ('record' in outcome ? [outcome.record] : []));
  const lateErrors: RowError[] = [];

  for (;;) {
    const allErrors = [...errors, ...lateErrors];
    const processedRows = job.progress.processedRows + batch.length;
    const next = moved(job, deps.clock, {
      cursor: options.cursor,
      status: options.final ? 'completed' : 'running',
      progress: {
        processedRows,
        totalRows: options.final ? processedRows : job.progress.totalRows,
        created: job.progress.created + records.length,
        skipped: job.progress.skipped + (batch.length - failed - records.length),
        failed: job.progress.failed + failed,
      },
      errors: [...job.errors, ...allErrors].slice(0, MAX_ROW_ERRORS),
      errorCount: job.errorCount + allErrors.length,
    });
    const audit = {
      context: job.startedBy!,
      entry: {
        action: options.action,
        target: { type: 'import', id: job.id },
        outcome: 'success' as const,
        targetIds: records.map((record) => record.value.id),
        changedFields: options.fields,
        details: { entity: job.entity, rows: records.length },
      },
    };
    const conflict = await deps.rows.writeBatch(job.entity, { job: next, expectedVersion: job.version, records, audit });
    if (!conflict) return next;
    if (conflict.kind === 'job') throw new StaleJobError();
    const dropped = records[conflict.index];
    records = records.filter((_, index) => index !== conflict.index);
    if (conflict.kind === 'contact_gone' && dropped) {
      failed += 1;
      const row = batch.find(({ outcome }) => 'record' in outcome && outcome.record === dropped)?.row.row ?? 0;
      lateErrors.push({ row, field: 'contactId', message: 'is a contact deleted during the import' });
    }
  }
}
