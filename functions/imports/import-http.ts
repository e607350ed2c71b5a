import { ULID_PATTERN, type ImportJob } from '@rapport/domain';
import { z } from 'zod';

export const importIdParams = z.object({ id: z.string().regex(ULID_PATTERN, 'must be an import id') });

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
    ...(job.failure ? { failure: job.failure } : {}),
    createdBy: job.createdBy,
    version: job.version,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
  };
}
