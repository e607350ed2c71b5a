import { createHttpHandler, importEndpoints } from '@rapport/http';
import { importsRuntime, type ImportsRuntime } from '../shared/runtime/imports';
import { importIdParams, importView } from './import-http';

/** Starts the dry run on the import worker: the report is the job's `dryRun` once it is `validated`. */
export const createDryRunImportHandler = (rt: ImportsRuntime) =>
  createHttpHandler(rt, importEndpoints.dryRunImport, { params: importIdParams }, async ({ params, actor }) => {
    const job = await rt.importsFor(actor).dryRun(params.id);
    return { statusCode: 202, body: importView(job), headers: { location: `/v1/imports/${job.id}` } };
  });

export const handler = createDryRunImportHandler(importsRuntime());
