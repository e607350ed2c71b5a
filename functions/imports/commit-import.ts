import { createHttpHandler, importEndpoints } from '@rapport/http';
import { importsRuntime, type ImportsRuntime } from '../shared/runtime/imports';
import { importIdParams, importView } from './import-http';
import { idempotentRuntime } from '../shared/idempotency';

export const createCommitImportHandler = (rt: ImportsRuntime) =>
  createHttpHandler(idempotentRuntime(rt), importEndpoints.commitImport, { params: importIdParams }, async ({ params, actor }) => {
    const job = await rt.importsFor(actor).commit(params.id);
    return { statusCode: 202, body: importView(job), headers: { location: `/v1/imports/${job.id}` } };
  });

export const handler = createCommitImportHandler(importsRuntime());
