import { createHttpHandler } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { importIdParams, importView } from './import-http';

export const createCommitImportHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'commitImport', { params: importIdParams }, async ({ params, actor }) => {
    const job = await rt.importsFor(actor).commit(params.id);
    return { statusCode: 202, body: importView(job), headers: { location: `/v1/imports/${job.id}` } };
  });

export const handler = createCommitImportHandler(runtime());
