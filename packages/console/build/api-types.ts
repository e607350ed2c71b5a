import { buildOpenApiDocument } from '@rapport/http';
import openapiTS, { astToString } from 'openapi-typescript';
import { join } from 'node:path';

/** Where the generated API types live, committed so the console type-checks without a build step. */
export const API_TYPES_FILE = join(import.meta.dirname, '../src/api/schema.gen.ts');

const HEADER = `/**
 * Generated from the API's OpenAPI document by \`npm run generate -w @rapport/console\`: do not edit.
 * A test fails when this file no longer matches the document.
 */
`;

/**
 * The TypeScript types of the API, from the OpenAPI document built in-process from the route
 * table and the zod contracts (no server needed), as openapi-fetch expects them.
 */
export async function generateApiTypes(): Promise<string> {
  const ast = await openapiTS(buildOpenApiDocument() as unknown as Parameters<typeof openapiTS>[0]);
  return HEADER + astToString(ast);
}
