import type { Audited } from '../access/ports';
import { auditContextOf } from '../audit/audit-context';
import type { AuditEntry } from '../audit/audit-event';
import { DomainError, ImportNotReadyError, NotFoundError } from '../errors';
import { hasPermission, type Actor } from '../shared/auth-context';
import type { Clock } from '../shared/clock';
import { newId } from '../shared/ids';
import { suggestMapping } from './column-synonyms';
import type { readHeaders } from './csv-rows';
import { EMPTY_DRY_RUN } from './dry-run';
import type { FieldDefinitionRepository } from '../fields/ports';
import { fieldSetOf } from '../fields/field-set';
import { FIELD_ENTITY_OF, importSpecFor, type ImportSpec } from './import-fields';
import type { ImportJob, ImportStatus } from './import-job';
import type { ImportCreateInput, ImportMappingInput } from './import.schema';
import type { ImportChunkQueue, ImportFileStore, ImportJobRepository } from './ports';

export interface ImportServiceDeps {
  jobs: ImportJobRepository;
  files: ImportFileStore;
  queue: ImportChunkQueue;
  /** The tenant's custom fields: each of the entity's is a mapping target `customFields.<key>`. */
  fields: FieldDefinitionRepository;
  clock: Clock;
  /**
   * Reads a file's headers and first rows (`readHeaders`): passed in by the preview handler only,
   * so that the CSV parser (~31 KiB) is in no other import handler's bundle.
   */
  readHeaders?: typeof readHeaders;
}

/** How long an upload URL works. */
export const UPLOAD_URL_SECONDS = 900;

/** The states in which the columns may still be (re)mapped, validated and the import started. */
const BEFORE_START: readonly ImportStatus[] = ['uploaded', 'mapped', 'validated'];

/**
 * CSV imports for one caller; the ports are bound to the caller's tenant. An import is its
 * creator's: anyone else gets 404, as for an id that does not exist (its preview shows the file's
 * rows, personal data included, and nobody else uploaded them).
 */
export function createImportService(deps: ImportServiceDeps, actor: Actor) {
  const audited = (entry: Omit<AuditEntry, 'outcome'>): Audited => ({ context: auditContextOf(actor), entry: { ...entry, outcome: 'success' } });
  const { tenantId, userId } = actor.auth;

  async function load(id: string): Promise<ImportJob> {
    const job = await deps.jobs.get(id);
    if (!job || job.createdBy !== userId) throw new NotFoundError('import', id);
    return job;
  }

  function expectStatus(job: ImportJob, allowed: readonly ImportStatus[], doing: string): void {
    if (!allowed.includes(job.status)) {
      throw new ImportNotReadyError(job.id, job.status, `Cannot ${doing} an import that is ${job.status.replace('_', ' ')}`);
    }
  }

  /** The entity's fields with the tenant's current custom fields of it (read once per request). */
  async function specOf(job: ImportJob): Promise<ImportSpec> {
    const fieldEntity = FIELD_ENTITY_OF[job.entity];
    return importSpecFor(job.entity, fieldEntity === undefined ? undefined : fieldSetOf(await deps.fields.listAll(), fieldEntity));
  }

  const touched = (job: ImportJob, changes: Partial<ImportJob>): ImportJob => ({ ...job, ...changes, version: job.version + 1, updatedAt: deps.clock.now().toISOString() });

  return {
    async create(input: ImportCreateInput): Promise<{ job: ImportJob; upload: { method: 'PUT'; url: string; headers: Record<string, string>; expiresAt: string } }> {
      const now = deps.clock.now();
      const id = newId();
      const job: ImportJob = {
        id,
        entity: input.entity,
        fileName: input.fileName,
        fileKey: `imports/${tenantId}/${id}.csv`,
        status: 'awaiting_upload',
        createdBy: userId,
        progress: { processedRows: 0, totalRows: null, created: 0, skipped: 0, failed: 0 },
        cursor: { row: 0, byte: 0 },
        errors: [],
        errorCount: 0,
        version: 1,
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
      };
      await deps.jobs.create(job, audited({ action: 'import.created', target: { type: 'import', id }, details: { entity: input.entity } }));
      const url = await deps.files.uploadUrl(job.fileKey, UPLOAD_URL_SECONDS);
      return {
        job,
        upload: { method: 'PUT', url, headers: { 'content-type': 'text/csv' }, expiresAt: new Date(now.getTime() + UPLOAD_URL_SECONDS * 1000).toISOString() },
      };
    },

    get: load,

    /** The headers, the first 20 rows and a suggested mapping; the first preview after the upload records the headers. */
    async preview(id: string) {
      let job = await load(id);
      const file = await deps.files.read(job.fileKey);
      if (!file) throw new ImportNotReadyError(id, job.status, 'The file has not been uploaded yet: PUT it to the upload URL first');
      if (!deps.readHeaders) throw new Error('Previewing an import needs readHeaders in the import service deps (the preview handler passes it)');
      const { headers, dataByte, preview } = await deps.readHeaders(file);
      if (job.status === 'awaiting_upload') {
        checkHeaders(headers);
        const next = touched(job, { status: 'uploaded', headers, cursor: { row: 0, byte: dataByte } });
        await deps.jobs.replace(next, job.version);
        job = next;
      }
      const spec = await specOf(job);
      return { headers, rows: preview, suggestedMapping: job.mapping ?? suggestMapping(job.entity, headers, spec.customFields?.definitions), fields: spec.fields };
    },

    async setMapping(id: string, input: ImportMappingInput): Promise<ImportJob> {
      const job = await load(id);
      expectStatus(job, BEFORE_START, 'map the columns of');
      const mapping = checkMapping(job, input.columns, await specOf(job));
      // A report on the previous mapping would mislead: the next dry run makes a new one.
      const { dryRun: _report, validation: _run, ...unvalidated } = job;
      const next = touched(unvalidated, { status: 'mapped', mapping });
      const fields = Object.values(mapping).filter((field): field is string => field !== null).sort();
      await deps.jobs.replace(next, job.version, audited({ action: 'import.mapped', target: { type: 'import', id }, changedFields: fields }));
      return next;
    },

    /**
     * Starts a dry run: the worker validates every row through the API's schema and finds
     * duplicates, a chunk at a time, into the job's `dryRun` report; no record is written. On a
     * validating import it queues the job again, which resumes the run from its checkpoint.
     */
    async dryRun(id: string): Promise<ImportJob> {
      const job = await load(id);
      if (job.status === 'validating') {
        await deps.queue.send({ tenantId, importId: id, mode: 'dry-run' });
        return job;
      }
      expectStatus(job, ['mapped', 'validated'], 'validate');
      const next = touched(job, {
        status: 'validating',
        contactScope: hasPermission(actor.auth, 'contacts:read_all') ? 'all' : 'own',
        dryRun: EMPTY_DRY_RUN,
        // A new run id per run: a run after a remapping does not see the previous run's values.
        validation: { runId: newId(), cursor: job.cursor },
      });
      await deps.jobs.replace(next, job.version);
      await deps.queue.send({ tenantId, importId: id, mode: 'dry-run' });
      return next;
    },

    /**
     * Starts the import: the worker takes it from here, a chunk at a time. On a running import it
     * queues the job again, which resumes it from its checkpoint (after its message went to the
     * dead-letter queue, or was lost with a local stack's restart); a second message is harmless.
     */
    async commit(id: string): Promise<ImportJob> {
      const job = await load(id);
      if (job.status === 'running') {
        await deps.queue.send({ tenantId, importId: id });
        return job;
      }
      expectStatus(job, ['mapped', 'validated'], 'start');
      const next = touched(job, {
        status: 'running',
        startedBy: auditContextOf(actor),
        contactScope: hasPermission(actor.auth, 'contacts:read_all') ? 'all' : 'own',
      });
      await deps.jobs.replace(next, job.version, audited({ action: 'import.started', target: { type: 'import', id }, details: { entity: job.entity } }));
      await deps.queue.send({ tenantId, importId: id });
      return next;
    },
  };
}

/** Headers name the columns a mapping refers to, so each must be there and be unique. */
function checkHeaders(headers: string[]): void {
  if (headers.length === 0 || headers.every((header) => header === '')) throw invalid([{ field: 'file', message: 'has no header row' }]);
  const seen = new Set<string>();
  const problems: { field: string; message: string }[] = [];
  headers.forEach((header, index) => {
    if (header === '') problems.push({ field: 'file', message: `column ${index + 1} has no header` });
    else if (seen.has(header)) problems.push({ field: 'file', message: `has two columns named "${header}"` });
    seen.add(header);
  });
  if (problems.length > 0) throw invalid(problems);
}

/** Every header of the file, each to one of the entity's fields or null; no field twice; the required ones present. */
function checkMapping(job: ImportJob, columns: Record<string, string | null>, spec: ImportSpec): Record<string, string | null> {
  const headers = job.headers ?? [];
  const problems: { field: string; message: string }[] = [];
  const mapped = new Map<string, string>();
  for (const [header, field] of Object.entries(columns)) {
    if (!headers.includes(header)) problems.push({ field: `columns.${header}`, message: 'is not a column of the file' });
    else if (field !== null && !spec.fields.includes(field)) {
      problems.push({ field: `columns.${header}`, message: `must be one of ${spec.fields.join(', ')}, or null to skip the column` });
    } else if (field !== null && mapped.has(field)) {
      problems.push({ field: `columns.${header}`, message: `maps to ${field}, which column "${mapped.get(field)}" fills already` });
    } else if (field !== null) mapped.set(field, header);
  }
  for (const group of spec.required) {
    if (!group.some((field) => mapped.has(field))) problems.push({ field: 'columns', message: `must map a column to ${group.join(' or ')}` });
  }
  if (problems.length > 0) throw invalid(problems);
  return Object.fromEntries(headers.map((header) => [header, columns[header] ?? null]));
}

function invalid(fields: { field: string; message: string }[]): DomainError {
  return new DomainError('INVALID_INPUT', `Invalid request: ${fields.map((problem) => `${problem.field} ${problem.message}`).join('; ')}`, { details: { fields } });
}

export type ImportService = ReturnType<typeof createImportService>;
