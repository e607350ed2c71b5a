import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from './document';
import type { JsonSchema } from './json-schema';

/**
 * What a client may send is bounded, and the document says so: a generated SDK or a fuzzer reads
 * the bounds from it. Every string of a request body, path or query has a `maxLength`, every array
 * a `maxItems`, every map a `maxProperties`; the server enforces each (the zod schemas the
 * document is built from), so a missing one here is a bound missing in the server too.
 */
describe('the bounds of what a request may carry, in the OpenAPI document', () => {
  const document = buildOpenApiDocument();
  const components = (document.components as { schemas: Record<string, JsonSchema> }).schemas;

  /** Every unbounded string, array and map below `schema`, by where it is. */
  function unbounded(schema: unknown, where: string, seen: ReadonlySet<string> = new Set()): string[] {
    if (schema === null || typeof schema !== 'object') return [];
    const node = schema as JsonSchema;
    if (typeof node.$ref === 'string') {
      const id = node.$ref.replace('#/components/schemas/', '');
      return seen.has(id) ? [] : unbounded(components[id], `${where}→${id}`, new Set([...seen, id]));
    }
    const types = ([] as unknown[]).concat(node.type ?? []);
    const found: string[] = [];
    if (types.includes('string') && node.maxLength === undefined && node.enum === undefined && node.const === undefined) found.push(`${where}: a string without maxLength`);
    if (types.includes('array') && node.maxItems === undefined) found.push(`${where}: an array without maxItems`);
    const isMap = (typeof node.additionalProperties === 'object' && node.additionalProperties !== null) || node.propertyNames !== undefined;
    if (isMap && node.maxProperties === undefined) found.push(`${where}: a map without maxProperties`);
    for (const [name, property] of Object.entries((node.properties ?? {}) as Record<string, unknown>)) found.push(...unbounded(property, `${where}.${name}`, seen));
    for (const key of ['items', 'additionalProperties', 'propertyNames', 'not'] as const) found.push(...unbounded(node[key], `${where}/${key}`, seen));
    for (const key of ['anyOf', 'oneOf', 'allOf', 'prefixItems'] as const) {
      for (const [index, branch] of ((node[key] ?? []) as unknown[]).entries()) found.push(...unbounded(branch, `${where}/${key}/${index}`, seen));
    }
    return found;
  }

  it('bounds every string, array and map of every request body, path and query parameter', () => {
    // Act
    const found = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations).flatMap(([method, operation]) => {
        const at = `${method.toUpperCase()} ${path}`;
        const parameters = ((operation.parameters ?? []) as { name?: string; in?: string; schema?: unknown; $ref?: string }[]).filter((parameter) => !parameter.$ref);
        const body = (operation.requestBody as { content: Record<string, { schema: unknown }> } | undefined)?.content['application/json']?.schema;
        return [...parameters.flatMap((parameter) => unbounded(parameter.schema, `${at} ${parameter.in}:${parameter.name}`)), ...unbounded(body, `${at} body`)];
      }),
    );

    // Assess
    expect(found).toEqual([]);
  });

  it('finds what it looks for', () => {
    // Act
    const found = unbounded({ type: 'object', properties: { name: { type: 'string' }, tags: { type: 'array', items: { type: 'string', maxLength: 5 } }, extra: { type: 'object', additionalProperties: { type: 'number' } } } }, 'probe');

    // Assess
    expect(found).toEqual(['probe.name: a string without maxLength', 'probe.tags: an array without maxItems', 'probe.extra: a map without maxProperties']);
  });

  it('lists 429 with Retry-After and 500 on every operation (the lint rules that would say so misread this document)', () => {
    // Act
    const operations = Object.values(document.paths).flatMap((operations) => Object.values(operations));

    // Assess
    for (const operation of operations) {
      expect(operation.responses['429']?.headers, operation.operationId).toHaveProperty('retry-after');
      expect(operation.responses['500'], operation.operationId).toBeDefined();
    }
  });

  it('declares If-Match as a header of the routes that read it, bounded like any other input', () => {
    // Act
    const update = document.paths['/v1/contacts/{id}']!.patch!;
    const parameters = (document.components as { parameters: Record<string, { in: string; schema: JsonSchema }> }).parameters;

    // Assess
    expect(update.parameters).toContainEqual({ $ref: '#/components/parameters/IfMatch' });
    expect(parameters.IfMatch).toMatchObject({ in: 'header', schema: { type: 'string', maxLength: 19 } });
    expect(unbounded(parameters.IfMatch!.schema, 'If-Match')).toEqual([]);
  });
});
