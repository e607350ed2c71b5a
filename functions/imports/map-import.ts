import { importMappingSchema } from '@rapport/domain';
import { createHttpHandler, importEndpoints, ok } from '@rapport/http';
import { importsRuntime, type ImportsRuntime } from '../shared/runtime/imports';
import { importIdParams, importView } from './import-http';

export const createMapImportHandler = (rt: ImportsRuntime) =>
  createHttpHandler(rt, importEndpoints.mapImport, { params: importIdParams, body: importMappingSchema }, async ({ params, body, actor }) =>
    ok(importView(await rt.importsFor(actor).setMapping(params.id, body))),
  );

export const handler = createMapImportHandler(importsRuntime());
