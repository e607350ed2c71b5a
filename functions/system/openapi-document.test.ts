import { buildOpenApiDocument, ROUTE_CONTRACTS, ROUTES, type RouteContract, type RouteId } from '@rapport/http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readOpenApiDocument } from './openapi-document';

describe('the generated OpenAPI document', () => {
  it('is the document the route table and contracts build (run `npm run generate:openapi` when this fails)', () => {
    // Act
    const served = readOpenApiDocument();

    // Assess: as JSON, which is what the handler answers.
    const fresh = JSON.parse(JSON.stringify(buildOpenApiDocument())) as unknown;
    expect(served, 'functions/system/openapi-document.gen.ts is stale: run npm run generate:openapi').toEqual(fresh);
    // Building every contract and comparing two ~700 KB documents takes seconds on a busy CI machine.
  }, 30_000);

  it('declares If-Match on exactly the routes whose handler reads it', () => {
    // Prepare: a handler reads the header by its normalised name.
    const reads = (id: RouteId) => readFileSync(join(import.meta.dirname, '..', `${ROUTES[id].handler}.ts`), 'utf8').includes("headers['if-match']");
    const ids = Object.keys(ROUTES) as RouteId[];

    // Act
    const declared = ids.filter((id) => (ROUTE_CONTRACTS[id] as RouteContract).ifMatch === true);

    // Assess
    expect(declared.length).toBeGreaterThan(0);
    expect(declared).toEqual(ids.filter(reads));
  });
});
