import { buildOpenApiDocument, createHttpHandler, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';

/** The OpenAPI document, built once per container from the route table and contracts. */
export const createGetOpenApiHandler = (rt: Runtime) => {
  const document = buildOpenApiDocument();
  return createHttpHandler(rt, 'getOpenApi', {}, async () => ok(document, { 'cache-control': 'public, max-age=300' }));
};

export const handler = createGetOpenApiHandler(runtime());
