import { buildOpenApiDocument, createHttpHandler, ok, systemEndpoints } from '@rapport/http';
import { commonRuntime, type CommonRuntime } from '../shared/runtime/common';

/** The OpenAPI document, built once per container from the route table and contracts. */
export const createGetOpenApiHandler = (rt: CommonRuntime) => {
  const document = buildOpenApiDocument();
  return createHttpHandler(rt, systemEndpoints.getOpenApi, {}, async () => ok(document, { 'cache-control': 'public, max-age=300' }));
};

export const handler = createGetOpenApiHandler(commonRuntime());
