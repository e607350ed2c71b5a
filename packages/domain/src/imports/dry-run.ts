import type { ContactRepository } from '../contacts/ports';
import type { FieldCipher } from '../privacy/field-cipher';
import { readRows } from './csv-rows';
import { IMPORT_SPECS, validateRow } from './import-fields';
import { MAX_ROW_ERRORS, type ImportJob, type RowError } from './import-job';
import { createContactResolver, fingerprintOf } from './import-records';
import type { ImportRowWriter } from './ports';

/** The exact-match fields a row is checked on, through the same blind indexes the API's duplicate detection reads. */
export const DUPLICATE_FIELDS = ['email', 'phone'] as const;
export type DuplicateField = (typeof DUPLICATE_FIELDS)[number];

/** A row whose email or phone is already a contact's, or an earlier row's. */
export interface DuplicateRow {
  row: number;
  field: DuplicateField;
  /** The earlier row of the file with the same value… */
  duplicateOfRow?: number;
  /** …or the existing contacts with it. */
  existingContactIds?: string[];
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

/** Lookups in flight at once: enough to hide DynamoDB's latency, few enough not to throttle. */
const LOOKUP_CONCURRENCY = 16;

/**
 * Reads the whole file and validates every row as the import will (the API's schema, an order's
 * contact), finds duplicate emails and phones within the file and against existing contacts, and counts
 * rows imported before. Writes nothing.
 */
export async function dryRun(
  deps: { contacts: ContactRepository; cipher: FieldCipher; rows: ImportRowWriter; seesAll: boolean; userId: string },
  job: ImportJob,
  file: AsyncIterable<Uint8Array>,
): Promise<DryRunReport> {
  const spec = IMPORT_SPECS[job.entity];
  const resolveContact = createContactResolver(deps, deps);
  const report: DryRunReport = { totalRows: 0, valid: 0, invalid: 0, alreadyImported: 0, errors: [], errorCount: 0, duplicates: [], duplicateCount: 0 };
  const addErrors = (errors: RowError[]) => {
    report.errorCount += errors.length;
    report.errors.push(...errors.slice(0, MAX_ROW_ERRORS - report.errors.length));
  };
  const addDuplicate = (duplicate: DuplicateRow) => {
    report.duplicateCount += 1;
    if (report.duplicates.length < MAX_ROW_ERRORS) report.duplicates.push(duplicate);
  };
  const seen: Record<DuplicateField, Map<string, number>> = { email: new Map(), phone: new Map() };
  const fingerprints: string[] = [];
  const lookups: (() => Promise<void>)[] = [];

  for await (const { row, values } of readRows(file, job.cursor)) {
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
    // Normalised by the schema (email lower-cased, phone as E.164), so equal values are equal strings.
    for (const field of DUPLICATE_FIELDS) {
      const value = (result.input as Partial<Record<DuplicateField, string>>)[field];
      if (value === undefined) continue;
      const earlier = seen[field].get(value);
      if (earlier !== undefined) {
        addDuplicate({ row, field, duplicateOfRow: earlier });
        continue;
      }
      seen[field].set(value, row);
      lookups.push(async () => {
        const ids = await deps.contacts.findIds(field, await deps.cipher.blindIndex(field, value));
        if (ids.length > 0) addDuplicate({ row, field, existingContactIds: ids });
      });
    }
  }
  await runAll(lookups, LOOKUP_CONCURRENCY);
  report.duplicates.sort((a, b) => a.row - b.row);
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

/** Runs tasks with at most `concurrency` in flight. */
export async function runAll(tasks: (() => Promise<void>)[], concurrency: number): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < tasks.length) await tasks[next++]!();
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, tasks.length) }, lane));
}
