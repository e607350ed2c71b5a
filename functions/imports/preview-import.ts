import { createHttpHandler, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { importIdParams } from './import-http';

export const createPreviewImportHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'previewImport', { params: importIdParams }, async ({ params, actor }) => ok(await rt.importsFor(actor).preview(params.id)));

export const handler = createPreviewImportHandler(runtime());
