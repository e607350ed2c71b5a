import { importMappingSchema } from '@rapport/domain';
import { createHttpHandler, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { importIdParams, importView } from './import-http';

export const createMapImportHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'mapImport', { params: importIdParams, body: importMappingSchema }, async ({ params, body, actor }) =>
    ok(importView(await rt.importsFor(actor).setMapping(params.id, body))),
  );

export const handler = createMapImportHandler(runtime());
