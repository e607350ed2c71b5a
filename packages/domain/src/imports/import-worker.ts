import type { ContactRepository } from '../contacts/ports';
import type { FieldCipher } from '../privacy/field-cipher';
import type { Clock } from '../shared/clock';
import type { AuditAction } from '../audit/audit-event';
import { NotFoundError, VersionConflictError } from '../errors';
import { readRows, type CsvRow } from './csv-rows';
import type { FieldDefinitionRepository } from '../fields/ports';
import { validateRow } from './import-fields';
import { MAX_ROW_ERRORS, type ImportEntity, type ImportJob, type RowError } from './import-job';
import { runDryRunChunk } from './dry-run';
import { chunkSpecOf, createContactResolver, fingerprintOf, recordOf } from './import-records';
import type { ClaimedRecord, ImportChunkMessage, ImportChunkQueue, ImportFileStore, ImportJobRepository, ImportRowWriter, RowClaim } from './ports';
import { runAll } from './run-all';

/** Rows one invocation imports: well within a Lambda's time, even for orders, which look their contact up. */
export const DEFAULT_CHUNK_ROWS = 1000;
/** A chunk's batch transactions in flight at once: they share no item, so they do not wait on each other. */
export const DEFAULT_BATCH_CONCURRENCY = 8;

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
  /** @default DEFAULT_BATCH_CONCURRENCY */
  batchConcurrency?: number;
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
 * the queue. The job is the checkpoint, not the message: the chunk's batches are written in
 * parallel, each with the claims of its rows, and the job's cursor moves past the chunk once all
 * of them are in. After a crash anywhere the message, delivered again, re-reads the chunk: rows
 * whose claim this import wrote at the same row count as created and are not written again, so the
 * counts come out as if nothing had happened; a duplicate message finds the job moved on and stops (`stale`).
 */
export async function runImportChunk(deps: ImportWorkerDeps, message: ImportChunkMessage): Promise<ChunkOutcome> {
  if (message.mode === 'dry-run') return runDryRunChunk({ ...deps, chunkRows: deps.chunkRows ?? DEFAULT_CHUNK_ROWS }, message);
  const job = await deps.jobs.get(message.importId);
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

  // 2. Rows imported before (by any import) or earlier in this chunk are skipped; rows this chunk
  // wrote in an earlier attempt (a crash before its checkpoint moved) count as created, and are not
  // written again; the rest become records, sealed.
  const claims = await deps.rows.claimed(job.entity, read.flatMap(({ outcome }) => ('fingerprint' in outcome ? [outcome.fingerprint] : [])));
  const seen = new Set<string>();
  const now = deps.clock.now().toISOString();
  const { createdBy: owner, entity } = job;
  const importId = job.id;
  const entries: Entry[] = await Promise.all(
    read.map(async ({ row, outcome }): Promise<Entry> => {
      if (!('fingerprint' in outcome)) return { row, outcome };
      const claim = claims.get(outcome.fingerprint);
      if (seen.has(outcome.fingerprint)) return { row, outcome: { skipped: true } };
      seen.add(outcome.fingerprint);
      if (claim) return { row, outcome: isOwnClaim(claim, importId, row.row) ? { written: true } : { skipped: true } };
      const context = { cipher: deps.cipher, codec, ownerId: owner, now, fingerprint: outcome.fingerprint, ...(outcome.contactId ? { contactId: outcome.contactId } : {}) };
      return { row, outcome: { record: { ...(await recordOf(entity, outcome.input, context)), row: row.row } } };
    }),
  );

  // 3. The chunk's records in batches of as many as a transaction holds, several batches at once:
  // they share no item, so they may complete in any order.
  const perBatch = deps.rows.maxRowsPerBatch(job.entity);
  const records = entries.flatMap(({ outcome }) => ('record' in outcome ? [outcome.record] : []));
  const batches: ClaimedRecord[][] = [];
  for (let start = 0; start < records.length; start += perBatch) batches.push(records.slice(start, start + perBatch));
  const options = { importId, action: IMPORTED[job.entity], fields: Object.values(job.mapping ?? {}).filter((field): field is string => field !== null).sort() };
  const results: BatchResult[] = [];
  await runAll(
    batches.map((batch) => async () => {
      results.push(await writeBatch(deps, job, batch, options));
    }),
    deps.batchConcurrency ?? DEFAULT_BATCH_CONCURRENCY,
  );

  // 4. The checkpoint moves past the chunk once every batch is in, with the chunk's counts.
  const created = entries.filter(({ outcome }) => 'written' in outcome).length + results.reduce((sum, result) => sum + result.created, 0);
  const lateErrors = results.flatMap((result) => result.errors);
  const errors = [...entries.flatMap(({ outcome }) => ('errors' in outcome ? outcome.errors : [])), ...lateErrors].sort((a, b) => a.row - b.row);
  const failed = entries.filter(({ outcome }) => 'errors' in outcome).length + lateErrors.length;
  const processedRows = job.progress.processedRows + entries.length;
  const lastRow = entries.at(-1)?.row;
  const next = moved(job, deps.clock, {
    cursor: lastRow ? { row: lastRow.row, byte: lastRow.endByte } : job.cursor,
    status: endOfFile ? 'completed' : 'running',
    progress: {
      processedRows,
      totalRows: endOfFile ? processedRows : job.progress.totalRows,
      created: job.progress.created + created,
      skipped: job.progress.skipped + (entries.length - created - failed),
      failed: job.progress.failed + failed,
    },
    errors: [...job.errors, ...errors].slice(0, MAX_ROW_ERRORS),
    errorCount: job.errorCount + errors.length,
  });
  try {
    await deps.jobs.replace(next, job.version);
  } catch (error) {
    // Another delivery of this message moved the job first: its counts include this one's rows.
    if (error instanceof VersionConflictError || error instanceof NotFoundError) return 'stale';
    throw error;
  }
  if (endOfFile) return 'completed';
  await deps.queue.send(message);
  return 'continued';
}

type Prepared = { errors: RowError[] } | { input: unknown; fingerprint: string; contactId?: string };
/** A row's fate: refused, imported before, written by an earlier attempt of this chunk, or to write now. */
type Entry = { row: CsvRow; outcome: { errors: RowError[] } | { skipped: true } | { written: true } | { record: ClaimedRecord } };
/** What one batch created, and the rows it could not (an order whose contact went meanwhile). */
type BatchResult = { created: number; errors: RowError[] };

function isCsvError(error: unknown): boolean {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('CSV_');
}

/** Whether a claim is this row's own, written by this import (an earlier attempt, or another delivery, of the same chunk). */
function isOwnClaim(claim: RowClaim, importId: string, row: number): boolean {
  return claim.importId === importId && claim.row === row;
}

function moved(job: ImportJob, clock: Clock, changes: Partial<ImportJob>): ImportJob {
  return { ...job, ...changes, version: job.version + 1, updatedAt: clock.now().toISOString() };
}

/**
 * Writes one batch in one transaction: its records with their claims and one audit event naming
 * them. When a row turns out claimed in between, the batch's claims are read again: a row this
 * import wrote (another delivery of the same chunk) counts as created, a row another import wrote
 * as skipped; either way the batch is tried again without them.
 */
async function writeBatch(
  deps: ImportWorkerDeps,
  job: ImportJob,
  batch: ClaimedRecord[],
  options: { importId: string; action: AuditAction; fields: string[] },
): Promise<BatchResult> {
  let records = batch;
  let createdElsewhere = 0;
  const errors: RowError[] = [];
  while (records.length > 0) {
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
    const conflict = await deps.rows.writeBatch(job.entity, { importId: options.importId, records, audit });
    if (!conflict) return { created: records.length + createdElsewhere, errors };
    if (conflict.kind === 'contact_gone') {
      const dropped = records[conflict.index]!;
      errors.push({ row: dropped.row, field: 'contactId', message: 'is a contact deleted during the import' });
      records = records.filter((record) => record !== dropped);
      continue;
    }
    const claims = await deps.rows.claimed(job.entity, records.map((record) => record.fingerprint));
    createdElsewhere += records.filter((record) => {
      const claim = claims.get(record.fingerprint);
      return claim !== undefined && isOwnClaim(claim, options.importId, record.row);
    }).length;
    records = records.filter((record) => !claims.has(record.fingerprint));
  }
  return { created: createdElsewhere, errors };
}
