import { createHttpHandler, importEndpoints, ok } from '@rapport/http';
import { importsRuntime, type ImportsRuntime } from '../shared/runtime/imports';
import { importIdParams, importView } from './import-http';

export const createGetImportHandler = (rt: ImportsRuntime) =>
  createHttpHandler(rt, importEndpoints.getImport, { params: importIdParams }, async ({ params, actor }) => ok(importView(await rt.importsFor(actor).get(params.id))));

export const handler = createGetImportHandler(importsRuntime());
