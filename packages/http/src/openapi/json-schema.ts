import * as z from 'zod';
import { maxLengthOfPattern } from './pattern-length';

/** A JSON Schema (draft 2020-12, which OpenAPI 3.1 uses as it is). */
export type JsonSchema = Record<string, unknown>;

/**
 * Converts zod schemas to JSON Schema for one document: schemas with a `meta({ id })` become
 * `components.schemas` entries referenced by `$ref`, everything else is inlined. Requests are
 * converted as zod reads them (`io: 'input'`: defaults make a field optional, coercions take
 * strings), responses as the handlers produce them (`io: 'output'`, where unknown properties are
 * not allowed, so an undocumented field fails the contract tests).
 */
export class SchemaCollector {
  readonly components: Record<string, JsonSchema> = {};

  convert(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
    const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any', reused: 'inline', override: ({ jsonSchema }) => stateBounds(jsonSchema) }) as JsonSchema;
    const { $schema: _dialect, $defs, ...rest } = json;
    for (const [id, definition] of Object.entries(($defs ?? {}) as Record<string, JsonSchema>)) this.#add(id, relink(definition) as JsonSchema);
    return relink(rest) as JsonSchema;
  }

  #add(id: string, definition: JsonSchema) {
    const existing = this.components[id];
    if (existing && JSON.stringify(existing) !== JSON.stringify(definition)) {
      // One id for two shapes (say, a request and a response reading one schema differently) would be a lie in the document.
      throw new Error(`Schema id ${id} stands for two different shapes; give one of them another id`);
    }
    this.components[id] = definition;
  }
}

const INT32 = 2 ** 31;

/**
 * Bounds the schema enforces but zod does not write down: the length a pattern allows (every id
 * is a ULID pattern, and so at most 26 characters), and an integer's storage size, from its range.
 */
function stateBounds(json: JsonSchema): void {
  if (json.type === 'string' && typeof json.pattern === 'string' && json.maxLength === undefined) {
    const max = maxLengthOfPattern(json.pattern);
    if (max !== undefined) json.maxLength = max;
  }
  if (json.type === 'integer' && json.format === undefined) {
    const fits32 = typeof json.minimum === 'number' && typeof json.maximum === 'number' && json.minimum >= -INT32 && json.maximum < INT32;
    json.format = fits32 ? 'int32' : 'int64';
  }
}

/** zod points at `#/$defs/X`; in the document they live under `#/components/schemas/X`. */
function relink(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(relink);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      key === '$ref' && typeof inner === 'string' ? inner.replace(/^#\/\$defs\//, '#/components/schemas/') : relink(inner),
    ]),
  );
}
