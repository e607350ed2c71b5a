import { createHttpHandler, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { importIdParams } from './import-http';

export const createDryRunImportHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'dryRunImport', { params: importIdParams }, async ({ params, actor }) => ok(await rt.importsFor(actor).dryRun(params.id)));

export const handler = createDryRunImportHandler(runtime());
