import { createHttpHandler, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { importIdParams, importView } from './import-http';

export const createGetImportHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'getImport', { params: importIdParams }, async ({ params, actor }) => ok(importView(await rt.importsFor(actor).get(params.id))));

export const handler = createGetImportHandler(runtime());
