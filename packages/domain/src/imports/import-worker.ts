import type { ContactRepository } from '../contacts/ports';
import type { FieldCipher } from '../privacy/field-cipher';
import type { Clock } from '../shared/clock';
import type { AuditAction } from '../audit/audit-event';
import { readRows, type CsvRow } from './csv-rows';
import { IMPORT_SPECS, validateRow } from './import-fields';
import { MAX_ROW_ERRORS, type ImportEntity, type ImportJob, type RowError } from './import-job';
import { createContactResolver, fingerprintOf, recordOf } from './import-records';
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
 * Imports the next chunk of a job (the ports bound to the message's tenant) and hands the rest to
 * the queue. The job is the checkpoint, not the message: each batch's transaction moves the job's
 * cursor with the rows it writes, so after a crash anywhere the message, delivered again, resumes
 * at the first row not written; a duplicate message finds the job moved on and stops (`stale`).
 */
export async function runImportChunk(deps: ImportWorkerDeps, message: ImportChunkMessage): Promise<ChunkOutcome> {
  let job = await deps.jobs.get(message.importId);
  if (!job || job.status !== 'running' || !job.startedBy) return 'stale';
  const file = await deps.files.read(job.fileKey, job.cursor.byte);
  if (!file) {
    await deps.jobs.replace(moved(job, deps.clock, { status: 'failed', failure: 'The uploaded file is gone: upload it again and start a new import' }), job.version);
    return 'failed';
  }

  const spec = IMPORT_SPECS[job.entity];
  const perBatch = deps.rows.maxRowsPerBatch(job.entity);
  const chunkRows = deps.chunkRows ?? DEFAULT_CHUNK_ROWS;
  const resolveContact = createContactResolver(deps, { seesAll: job.contactScope === 'all', userId: job.createdBy });
  const mappedFields = Object.values(job.mapping ?? {}).filter((field): field is string => field !== null).sort();
  let pending: { row: CsvRow; outcome: { record: ImportRecord } | { errors: RowError[] } }[] = [];
  let validPending = 0;

  const flush = async (final: boolean) => {
    const last = pending.at(-1)?.row;
    if (!last && !final) return;
    job = await writeBatch(deps, job!, pending, {
      cursor: last ? { row: last.row, byte: last.endByte } : job!.cursor,
      final,
      action: IMPORTED[job!.entity],
      fields: mappedFields,
    });
    pending = [];
    validPending = 0;
  };

  try {
    let rows = 0;
    for await (const row of readRows(file, job.cursor)) {
      const result = validateRow(spec, job.headers ?? [], job.mapping ?? {}, row.values, row.row);
      if (!result.ok) pending.push({ row, outcome: { errors: result.errors } });
      else {
        const contact = job.entity === 'transactions' ? await resolveContact(result.cells) : undefined;
        if (contact && 'field' in contact) pending.push({ row, outcome: { errors: [{ row: row.row, ...contact }] } });
        else {
          const contactId = contact?.contactId;
          const fingerprint = await fingerprintOf(deps.cipher, job.entity, result.input, contactId);
          const now = deps.clock.now().toISOString();
          const record = await recordOf(job.entity, result.input, { cipher: deps.cipher, ownerId: job.createdBy, now, fingerprint, ...(contactId ? { contactId } : {}) });
          pending.push({ row, outcome: { record } });
          validPending += 1;
        }
      }
      if (validPending >= perBatch) await flush(false);
      if (++rows >= chunkRows) break;
    }
    if (rows < chunkRows) {
      await flush(true);
      return 'completed';
    }
    await flush(false);
  } catch (error) {
    if (error instanceof StaleJobError) return 'stale';
    if (isCsvError(error)) {
      const failed = moved(job, deps.clock, { status: 'failed', failure: `The file is not valid CSV after row ${pending.at(-1)?.row.row ?? job.cursor.row}` });
      await deps.jobs.replace(failed, job.version);
      return 'failed';
    }
    throw error;
  }
  await deps.queue.send(message);
  return 'continued';
}

class StaleJobError extends Error {}

function isCsvError(error: unknown): boolean {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('CSV_');
}

function moved(job: ImportJob, clock: Clock, changes: Partial<ImportJob>): ImportJob {
  return { ...job, ...changes, version: job.version + 1, updatedAt: clock.now().toISOString() };
}

/**
 * Writes one batch: rows claimed before are skipped, the rest go in one transaction with the job's
 * new cursor and counts. A row claimed in between (a concurrent import of the same content) is
 * skipped and the batch tried again without it.
 */
async function writeBatch(
  deps: ImportWorkerDeps,
  job: ImportJob,
  pending: { row: CsvRow; outcome: { record: ImportRecord } | { errors: RowError[] } }[],
  options: { cursor: { row: number; byte: number }; final: boolean; action: AuditAction; fields: string[] },
): Promise<ImportJob> {
  const errors = pending.flatMap(({ outcome }) => ('errors' in outcome ? outcome.errors : []));
  const failedRows = pending.filter(({ outcome }) => 'errors' in outcome).length;
  const candidates = pending.flatMap(({ outcome }) => ('record' in outcome ? [outcome.record] : []));
  const claimed = await deps.rows.claimed(job.entity, candidates.map((record) => record.fingerprint));
  const seen = new Set<string>();
  let records = candidates.filter((record) => {
    const fresh = !claimed.has(record.fingerprint) && !seen.has(record.fingerprint);
    seen.add(record.fingerprint);
    return fresh;
  });
  let failed = failedRows;
  const lateErrors: RowError[] = [];

  for (;;) {
    const allErrors = [...errors, ...lateErrors];
    const processedRows = job.progress.processedRows + pending.length;
    const next = moved(job, deps.clock, {
      cursor: options.cursor,
      status: options.final ? 'completed' : 'running',
      progress: {
        processedRows,
        totalRows: options.final ? processedRows : job.progress.totalRows,
        created: job.progress.created + records.length,
        skipped: job.progress.skipped + (pending.length - failed - records.length),
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
    const [dropped] = records.splice(conflict.index, 1);
    records = [...records];
    if (conflict.kind === 'contact_gone' && dropped?.kind === 'transaction') {
      failed += 1;
      const row = pending.find(({ outcome }) => 'record' in outcome && outcome.record === dropped)?.row.row ?? 0;
      lateErrors.push({ row, field: 'contactId', message: 'is a contact deleted during the import' });
    }
  }
}
