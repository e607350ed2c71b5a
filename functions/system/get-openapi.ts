import { createHttpHandler, ok, systemEndpoints } from '@rapport/http';
import { commonRuntime, type CommonRuntime } from '../shared/runtime/common';
import { readOpenApiDocument } from './openapi-document';

/** The OpenAPI document, generated at build time (`npm run generate:openapi`), read once per container. */
export const createGetOpenApiHandler = (rt: CommonRuntime) => {
  const document = readOpenApiDocument();
  return createHttpHandler(rt, systemEndpoints.getOpenApi, {}, async () => ok(document, { 'cache-control': 'public, max-age=300' }));
};

export const handler = createGetOpenApiHandler(commonRuntime());
