import type { ImportJob } from '@rapport/domain';

/** The `{id}` path parameter of the import routes, from their contracts. */
export { importIdParams } from '@rapport/http';

/** A job as the API shows it: what a client follows, not the worker's bookkeeping. */
export function importView(job: ImportJob) {
  return {
    id: job.id,
    entity: job.entity,
    fileName: job.fileName,
    status: job.status,
    ...(job.headers ? { headers: job.headers } : {}),
    ...(job.mapping ? { mapping: job.mapping } : {}),
    progress: job.progress,
    errors: job.errors,
    errorCount: job.errorCount,
    ...(job.dryRun ? { dryRun: job.dryRun } : {}),
    ...(job.failure ? { failure: job.failure } : {}),
    createdBy: job.createdBy,
    version: job.version,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
  };
}
