import type { ContactRepository } from '../contacts/ports';
import { VersionConflictError } from '../errors';
import type { FieldCipher } from '../privacy/field-cipher';
import type { Clock } from '../shared/clock';
import { readRows, type CsvRow } from './csv-rows';
import type { ContactCreateInput } from '../contacts/contact.schema';
import type { FieldDefinitionRepository } from '../fields/ports';
import { findFuzzyDuplicates, FUZZY_REASON } from './fuzzy-duplicates';
import { runAll } from './run-all';
import { validateRow } from './import-fields';
import { MAX_ROW_ERRORS, type ImportJob, type RowError } from './import-job';
import { chunkSpecOf, createContactResolver, fingerprintOf } from './import-records';
import type { ImportChunkMessage, ImportChunkQueue, ImportFileStore, ImportJobRepository, ImportRowWriter, SeenPerson } from './ports';

/** The exact-match fields a row is checked on, through the same blind indexes the API's duplicate detection reads. */
export const DUPLICATE_FIELDS = ['email', 'phone'] as const;
export type DuplicateField = (typeof DUPLICATE_FIELDS)[number];

/** What a reported duplicate is about: an exact email or phone, or (`name`) a similar name at a similar company. */
export const DUPLICATE_ROW_FIELDS = [...DUPLICATE_FIELDS, 'name'] as const;
export type DuplicateRowField = (typeof DUPLICATE_ROW_FIELDS)[number];

/**
 * A row whose email or phone is already a contact's, or an earlier row's; or (`field: 'name'`,
 * `reason: 'similar_name_and_company'`, with the API's `score`) whose name and company look like
 * an existing contact's or an earlier row's. Every duplicate only warns: the row is valid and the
 * import creates it, as POST /v1/contacts creates a contact and answers its candidates beside it;
 * the user merges afterwards.
 */
export interface DuplicateRow {
  row: number;
  field: DuplicateRowField;
  /** The earlier row of the file with the same value… */
  duplicateOfRow?: number;
  /** …or the existing contacts with it (for a fuzzy match, the one candidate). */
  existingContactIds?: string[];
  /** Only on fuzzy matches: the reason POST /v1/contacts names… */
  reason?: typeof FUZZY_REASON;
  /** …and its score (0–1), from the same scoring. */
  score?: number;
}

export interface DryRunReport {
  totalRows: number;
  valid: number;
  invalid: number;
  /** Valid rows an earlier import wrote already: the import skips them. */
  alreadyImported: number;
  errors: RowError[];
  errorCount: number;
  duplicates: DuplicateRow[];
  duplicateCount: number;
}

export const EMPTY_DRY_RUN: DryRunReport = { totalRows: 0, valid: 0, invalid: 0, alreadyImported: 0, errors: [], errorCount: 0, duplicates: [], duplicateCount: 0 };

/** Lookups in flight at once: enough to hide DynamoDB's latency, few enough not to throttle. */
const LOOKUP_CONCURRENCY = 16;

export interface DryRunWorkerDeps {
  jobs: ImportJobRepository;
  files: ImportFileStore;
  queue: ImportChunkQueue;
  rows: ImportRowWriter;
  contacts: ContactRepository;
  cipher: FieldCipher;
  fields: FieldDefinitionRepository;
  clock: Clock;
  chunkRows: number;
}

/**
 * Validates the next chunk of a dry run (`validating`) and queues the one after; writes no record.
 * The job is the checkpoint: the chunk's report is added to the job's in the same conditional put
 * that moves `validation.cursor` past the chunk, so a crash before it leaves both as they were
 * (the redelivered message does the chunk again) and a crash after it leaves both moved (a
 * duplicate message finds the version moved on and stops): nothing lost, nothing counted twice.
 *
 * Within-file duplicates need what earlier chunks saw: each email and phone is claimed in its own
 * small item, keyed by the job, the run and the value's blind index (an HMAC, never the value),
 * with a conditional put that keeps the first row to claim it. A later row finds the earlier row's
 * claim (a duplicate); a redelivered chunk finds its own rows' claims (not duplicates), so retries
 * give the same answer. Chunks run one after the other, so an earlier row always claims first.
 *
 * Contacts are also compared by name and company (findFuzzyDuplicates: the API's scoring, one
 * lookup per name blocking key of the chunk). Like exact duplicates, a fuzzy match only warns:
 * the row stays valid and the commit imports it, as POST /v1/contacts creates and answers candidates.
 */
export async function runDryRunChunk(deps: DryRunWorkerDeps, message: ImportChunkMessage): Promise<'continued' | 'completed' | 'failed' | 'stale'> {
  const job = await deps.jobs.get(message.importId);
  if (!job || job.status !== 'validating' || !job.validation || !job.dryRun) return 'stale';
  const { validation } = job;
  const fail = async (failure: string) => {
    await deps.jobs.replace(moved(job, deps.clock, { status: 'failed', failure }), job.version).catch(ignoreConflict);
    return 'failed' as const;
  };
  const file = await deps.files.read(job.fileKey, validation.cursor.byte);
  if (!file) return fail('The uploaded file is gone: upload it again and start a new import');

  const read: CsvRow[] = [];
  let endOfFile = true;
  try {
    for await (const row of readRows(file, validation.cursor)) {
      read.push(row);
      if (read.length >= deps.chunkRows) {
        endOfFile = false;
        break;
      }
    }
  } catch (error) {
    if (!isCsvError(error)) throw error;
    return fail(`The file is not valid CSV after row ${read.at(-1)?.row ?? validation.cursor.row}`);
  }

  const chunk = await validateChunk(deps, job, validation.runId, read);
  const report = addChunk(job.dryRun, chunk);
  const last = read.at(-1);
  const next = moved(job, deps.clock, {
    status: endOfFile ? 'validated' : 'validating',
    dryRun: report,
    validation: { ...validation, cursor: last ? { row: last.row, byte: last.endByte } : validation.cursor },
    ...(endOfFile ? { progress: { ...job.progress, totalRows: report.totalRows } } : {}),
  });
  try {
    await deps.jobs.replace(next, job.version);
  } catch (error) {
    if (error instanceof VersionConflictError) return 'stale';
    throw error;
  }
  if (endOfFile) return 'completed';
  await deps.queue.send(message);
  return 'continued';
}

/** One chunk's rows through the import's validation (the API's schema, an order's contact), duplicates and claims. */
async function validateChunk(deps: DryRunWorkerDeps, job: ImportJob, runId: string, rows: CsvRow[]): Promise<DryRunReport> {
  const { spec } = await chunkSpecOf(deps, job.entity);
  const resolveContact = createContactResolver(deps, { seesAll: job.contactScope === 'all', userId: job.createdBy });
  const report: DryRunReport = { ...EMPTY_DRY_RUN, errors: [], duplicates: [] };
  const addErrors = (errors: RowError[]) => {
    report.errorCount += errors.length;
    report.errors.push(...errors);
  };
  const addDuplicate = (duplicate: DuplicateRow) => {
    report.duplicateCount += 1;
    report.duplicates.push(duplicate);
  };
  // Within the chunk, the first row of each value is the only one that claims it.
  const seen: Record<DuplicateField, Map<string, number>> = { email: new Map(), phone: new Map() };
  const later: { row: number; field: DuplicateField; value: string }[] = [];
  const fingerprints: string[] = [];
  const lookups: (() => Promise<void>)[] = [];
  const people: { row: number; person: SeenPerson }[] = [];
  // The importer's scope, fixed when the job was made: the contacts of others are named only with contacts:read_all.
  const visible = (contact: { ownerId: string }) => job.contactScope === 'all' || contact.ownerId === job.createdBy;

  for (const { row, values } of rows) {
    report.totalRows = row;
    const result = validateRow(spec, job.headers ?? [], job.mapping ?? {}, values, row);
    if (!result.ok) {
      report.invalid += 1;
      addErrors(result.errors);
      continue;
    }
    if (job.entity === 'transactions') {
      // The contact decides validity, so these lookups are counted before the row is.
      lookups.push(async () => {
        const contact = await resolveContact(result.cells);
        if ('field' in contact) {
          report.invalid += 1;
          addErrors([{ row, ...contact }]);
        } else {
          report.valid += 1;
          fingerprints.push(await fingerprintOf(deps.cipher, job.entity, result.input, contact.contactId));
        }
      });
      continue;
    }
    report.valid += 1;
    fingerprints.push(await fingerprintOf(deps.cipher, job.entity, result.input));
    if (job.entity !== 'contacts') continue;
    const { firstName, lastName, company } = result.input as ContactCreateInput;
    people.push({ row, person: { firstName, ...(lastName === undefined ? {} : { lastName }), ...(company === undefined ? {} : { company }) } });
    // Normalised by the schema (email lower-cased, phone as E.164), so equal values are equal strings.
    for (const field of DUPLICATE_FIELDS) {
      const value = (result.input as Partial<Record<DuplicateField, string>>)[field];
      if (value === undefined) continue;
      const earlier = seen[field].get(value);
      if (earlier !== undefined) {
        later.push({ row, field, value });
        continue;
      }
      seen[field].set(value, row);
      lookups.push(async () => {
        const blindIndex = await deps.cipher.blindIndex(field, value);
        const first = await deps.jobs.claimSeenValue(job.id, { runId, field, blindIndex, row });
        if (first !== row) {
          // An earlier chunk's row had it: so is this chunk's later rows' with it.
          seen[field].set(value, first);
          addDuplicate({ row, field, duplicateOfRow: first });
          return;
        }
        // Only contacts the importer may see are named: one outside their scope is, to them, not there.
        const ids = await deps.contacts.findIds(field, blindIndex);
        const seenByImporter =
          job.contactScope === 'all' ? ids : (await Promise.all(ids.map((id) => deps.contacts.get(id)))).filter((contact) => contact !== null && visible(contact)).map((contact) => contact!.id);
        if (seenByImporter.length > 0) addDuplicate({ row, field, existingContactIds: seenByImporter });
      });
    }
  }
  await runAll(lookups, LOOKUP_CONCURRENCY);
  for (const { row, field, value } of later) addDuplicate({ row, field, duplicateOfRow: seen[field].get(value)! });
  for (const fuzzy of await findFuzzyDuplicates(deps, { importId: job.id, runId }, people, visible)) {
    const { row, score, duplicateOfRow, contactId } = fuzzy;
    addDuplicate({ row, field: 'name', reason: FUZZY_REASON, score, ...(duplicateOfRow === undefined ? {} : { duplicateOfRow }), ...(contactId === undefined ? {} : { existingContactIds: [contactId] }) });
  }
  const order = (field: string) => DUPLICATE_ROW_FIELDS.indexOf(field as DuplicateRowField);
  const byRow = (a: DuplicateRow, b: DuplicateRow) => a.row - b.row || order(a.field) - order(b.field) || (b.score ?? 0) - (a.score ?? 0);
  report.duplicates.sort(byRow);
  report.errors.sort((a, b) => a.row - b.row);

  const batch = 100;
  const checks: (() => Promise<void>)[] = [];
  for (let start = 0; start < fingerprints.length; start += batch) {
    checks.push(async () => {
      // Awaited first: `a += await b` would read `a` before the wait, and lose the other lanes' counts.
      const claimed = await deps.rows.claimed(job.entity, fingerprints.slice(start, start + batch));
      report.alreadyImported += claimed.size;
    });
  }
  await runAll(checks, LOOKUP_CONCURRENCY);
  return report;
}

/** The report so far plus a chunk's (rows after the report's), errors and duplicates capped at {@link MAX_ROW_ERRORS} each. */
function addChunk(total: DryRunReport, chunk: DryRunReport): DryRunReport {
  return {
    totalRows: chunk.totalRows || total.totalRows,
    valid: total.valid + chunk.valid,
    invalid: total.invalid + chunk.invalid,
    alreadyImported: total.alreadyImported + chunk.alreadyImported,
    errors: [...total.errors, ...chunk.errors].slice(0, MAX_ROW_ERRORS),
    errorCount: total.errorCount + chunk.errorCount,
    duplicates: [...total.duplicates, ...chunk.duplicates].slice(0, MAX_ROW_ERRORS),
    duplicateCount: total.duplicateCount + chunk.duplicateCount,
  };
}

function moved(job: ImportJob, clock: Clock, changes: Partial<ImportJob>): ImportJob {
  return { ...job, ...changes, version: job.version + 1, updatedAt: clock.now().toISOString() };
}

/** Another delivery moved the job first: its outcome stands. */
function ignoreConflict(error: unknown): void {
  if (!(error instanceof VersionConflictError)) throw error;
}

function isCsvError(error: unknown): boolean {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('CSV_');
}
