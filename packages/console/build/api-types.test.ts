// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_TYPES_FILE, generateApiTypes } from './api-types';

describe('the generated API client types', () => {
  // Generating takes a few seconds on a loaded 2-core machine.
  it('match the OpenAPI document the API builds (run `npm run generate -w @rapport/console` when this fails)', { timeout: 60_000 }, async () => {
    // Prepare
    const committed = readFileSync(API_TYPES_FILE, 'utf8');

    // Act
    const fresh = await generateApiTypes();

    // Assess
    expect(committed === fresh, 'src/api/schema.gen.ts is stale: run npm run generate -w @rapport/console').toBe(true);
  });
});
