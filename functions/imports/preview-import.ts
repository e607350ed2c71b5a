import { createHttpHandler, importEndpoints, ok } from '@rapport/http';
import { importPreviewsRuntime, type ImportsRuntime } from '../shared/runtime/imports';
import { importIdParams } from './import-http';

export const createPreviewImportHandler = (rt: ImportsRuntime) =>
  createHttpHandler(rt, importEndpoints.previewImport, { params: importIdParams }, async ({ params, actor }) => ok(await rt.importsFor(actor).preview(params.id)));

export const handler = createPreviewImportHandler(importPreviewsRuntime());
