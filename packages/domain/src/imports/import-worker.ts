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
/**
 * Chunks the import worker takes at once, across imports: the queue's consumers (the event source's
 * maximum concurrency in AWS, the local queue's). Each chunk queues the next before it writes, so an
 * import's chunks are written this many at a time, each its batches {@link DEFAULT_BATCH_CONCURRENCY} at a time.
 */
export const IMPORT_CHUNK_CONCURRENCY = 4;

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
 * Imports one chunk of a job (or validates the next, for a dry run's message: see runDryRunChunk)
 * (the ports bound to the message's tenant). As soon as it has read its rows it queues the next
 * chunk, so the file's chunks are written in parallel, as many at once as the queue has consumers;
 * then it writes its rows in batches, also in parallel, each with the claims of its rows, and
 * records itself as done with its counts, which the job adds up. The chunk that makes the count of
 * done chunks reach the file's completes the job, whatever order they finished in.
 *
 * After a crash anywhere the message, delivered again, reads the chunk again: rows whose claim this
 * import wrote at the same row count as created and are not written again, so the counts come out
 * as if nothing had happened. A chunk found done stops (`stale`): another delivery did it and
 * queued the next one. A commit of a running job restarts the chain from the first chunk `resumed`:
 * chunks found done then pass the chain on, so one whose message was lost is written.
 */
export async function runImportChunk(deps: ImportWorkerDeps, message: ImportChunkMessage): Promise<ChunkOutcome> {
  if (message.mode === 'dry-run') return runDryRunChunk({ ...deps, chunkRows: deps.chunkRows ?? DEFAULT_CHUNK_ROWS }, message);
  const job = await deps.jobs.get(message.importId);
  if (!job || job.status !== 'running' || !job.startedBy) return 'stale';
  const chunk = message.chunk ?? { index: 0, row: job.cursor.row, byte: job.cursor.byte };
  const resumed = message.resumed === true || message.chunk === undefined;
  const next = (at: { row: number; byte: number }): ImportChunkMessage => ({
    tenantId: message.tenantId,
    importId: message.importId,
    chunk: { index: chunk.index + 1, ...at },
    ...(resumed ? { resumed: true } : {}),
  });

  const done = await deps.jobs.chunkDone(job.id, chunk.index);
  if (done) {
    if (!resumed) return 'stale';
    // A resumed chain passes done chunks on; past the last one, the job may only lack its completion.
    if (!done.last) {
      await deps.queue.send(next(done.end));
      return 'continued';
    }
    return (await completeIfAllDone(deps, job)) ? 'completed' : 'continued';
  }

  const file = await deps.files.read(job.fileKey, chunk.byte);
  if (!file) return fail(deps, job.id, 'The uploaded file is gone: upload it again and start a new import');

  const { spec, codec } = await chunkSpecOf(deps, job.entity);
  const chunkRows = deps.chunkRows ?? DEFAULT_CHUNK_ROWS;
  const resolveContact = createContactResolver(deps, { seesAll: job.contactScope === 'all', userId: job.createdBy });

  // 1. The chunk's rows, validated and fingerprinted.
  const read: { row: CsvRow; outcome: Prepared }[] = [];
  let endOfFile = true;
  try {
    for await (const row of readRows(file, chunk)) {
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
    return fail(deps, job.id, `The file is not valid CSV after row ${read.at(-1)?.row.row ?? chunk.row}`);
  }
  const lastRow = read.at(-1)?.row;
  const end = lastRow ? { row: lastRow.row, byte: lastRow.endByte } : { row: chunk.row, byte: chunk.byte };
  // The next chunk goes to another worker now, while this one writes.
  if (!endOfFile) await deps.queue.send(next(end));

  // 2. Rows imported before (by any import) or earlier in this chunk are skipped; rows this chunk
  // wrote in an earlier attempt (a crash before it was recorded as done) count as created, and are
  // not written again; the rest become records, sealed. A row imported by another chunk of this
  // file at the same time is found when its batch meets that chunk's claim (see writeBatch).
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

  // 4. The chunk is recorded as done, once every batch is in, with its counts.
  const created = entries.filter(({ outcome }) => 'written' in outcome).length + results.reduce((sum, result) => sum + result.created, 0);
  const lateErrors = results.flatMap((result) => result.errors);
  const errors = [...entries.flatMap(({ outcome }) => ('errors' in outcome ? outcome.errors : [])), ...lateErrors].sort((a, b) => a.row - b.row);
  const failed = entries.filter(({ outcome }) => 'errors' in outcome).length + lateErrors.length;
  const counted = await deps.jobs.completeChunk(importId, {
    index: chunk.index,
    end,
    last: endOfFile,
    counts: { processedRows: entries.length, created, skipped: entries.length - created - failed, failed, errorCount: errors.length },
    errors: errors.slice(0, MAX_ROW_ERRORS),
  });
  // Another delivery of this chunk was recorded first: its counts are this one's.
  if (!counted) return 'stale';
  return (await completeIfAllDone(deps, counted)) ? 'completed' : 'continued';
}

/**
 * Completes a running job whose chunks are all done, with the first row errors of the whole file:
 * true when it is complete (by this call or another).
 */
async function completeIfAllDone(deps: ImportWorkerDeps, job: ImportJob): Promise<boolean> {
  if (job.status === 'completed') return true;
  if (job.status !== 'running' || job.totalChunks === undefined || (job.chunksDone ?? 0) < job.totalChunks) return false;
  const errors = await deps.jobs.chunkErrors(job.id);
  try {
    await deps.jobs.replace(moved(job, deps.clock, { status: 'completed', errors }), job.version);
  } catch (error) {
    // Another chunk's worker, or a resumed chain, completed it first.
    if (error instanceof VersionConflictError || error instanceof NotFoundError) return false;
    throw error;
  }
  return true;
}

/** Stops the job for good (a file gone, or not CSV), as it stands now: other chunks may have moved its counts. */
async function fail(deps: ImportWorkerDeps, importId: string, failure: string): Promise<ChunkOutcome> {
  const job = await deps.jobs.get(importId);
  if (!job || job.status !== 'running') return 'stale';
  try {
    await deps.jobs.replace(moved(job, deps.clock, { status: 'failed', failure }), job.version);
  } catch (error) {
    if (error instanceof VersionConflictError || error instanceof NotFoundError) return 'stale';
    throw error;
  }
  return 'failed';
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
