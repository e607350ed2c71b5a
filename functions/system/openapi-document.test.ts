import { buildOpenApiDocument } from '@rapport/http';
import { describe, expect, it } from 'vitest';
import { readOpenApiDocument } from './openapi-document';

describe('the generated OpenAPI document', () => {
  it('is the document the route table and contracts build (run `npm run generate:openapi` when this fails)', () => {
    // Act
    const served = readOpenApiDocument();

    // Assess: as JSON, which is what the handler answers.
    const fresh = JSON.parse(JSON.stringify(buildOpenApiDocument())) as unknown;
    expect(served, 'functions/system/openapi-document.gen.ts is stale: run npm run generate:openapi').toEqual(fresh);
  });
});
