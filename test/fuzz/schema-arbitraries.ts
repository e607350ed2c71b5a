import fc from 'fast-check';

/** The JSON Schema subset the OpenAPI document uses (2020-12, as OpenAPI 3.1 has it). */
export interface Schema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  propertyNames?: Schema;
  maxProperties?: number;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}

/**
 * Values the generator cannot guess from a schema alone: ids that exist in the seeded workspace
 * (so a request sometimes names a real record), and URLs that answer at once (a webhook test
 * delivers to its URL; a random public host would make the run wait on DNS).
 */
export interface Hints {
  /** Known ids for a property or parameter of this name (`contactId`, `id` under `/v1/deals`…). */
  idsFor(name: string): readonly string[];
  urls: readonly string[];
}

/** Strings that have broken parsers, encoders and databases before. */
export const ODD_STRINGS: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\u202eevil\u202c',
  '\u2066isolate\u2069',
  '\u200b\u200c\u200d\ufeff',
  '\u00a0',
  '\t\n\r',
  '👩‍👩‍👧‍👦'.repeat(30),
  'Ω≈ç√∫˜µ≤≥÷',
  "'; DROP TABLE contacts; --",
  '{"$gt":""}',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '%00%2e%2e%2f',
  'TENANT#other#CONTACT#x',
  '#',
  '__proto__',
  'constructor',
  'null',
  'true',
  '-1',
  '1e309',
  'NaN',
  '0x1F',
  '9'.repeat(400),
  'x'.repeat(5_000),
];

const ULID_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** A well-formed ULID that almost surely names nothing. */
export const randomUlid = fc.string({ unit: fc.constantFrom(...ULID_ALPHABET), minLength: 26, maxLength: 26 });
/** Strings of any kind, odd ones often. */
export const anyString = fc.oneof(fc.constantFrom(...ODD_STRINGS), fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }));

/**
 * One of the ids known when the value is drawn (three times in four, while there are any), else
 * `otherwise`: read at each draw, so the arbitrary is built once and still sees ids learnt later.
 */
export function knownOr(hints: Hints, name: string, otherwise: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.tuple(fc.nat(), otherwise).map(([pick, other]) => {
    const known = hints.idsFor(name);
    return known.length > 0 && pick % 4 !== 0 ? known[pick % known.length]! : other;
  });
}

/** Building a string arbitrary from a pattern is slow (the date patterns take a good part of a second): once per pattern. */
const byPattern = new Map<string, fc.Arbitrary<string>>();
function matching(pattern: string): fc.Arbitrary<string> {
  let arbitrary = byPattern.get(pattern);
  if (!arbitrary) byPattern.set(pattern, (arbitrary = fc.stringMatching(new RegExp(pattern))));
  return arbitrary;
}

const typesOf = (schema: Schema): string[] => (schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type]);

const ID_NAME = /(^id$|Id$|^token$|^mergeId$)/;

export function createSchemaArbitraries(root: unknown, hints: Hints) {
  const resolve = (schema: Schema): Schema => {
    if (!schema.$ref) return schema;
    const target = schema.$ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<any>((node, part) => node?.[part.replaceAll('~1', '/').replaceAll('~0', '~')], root);
    return resolve({ ...target, ...{ ...schema, $ref: undefined } });
  };

  /** A string that fits the schema, shaped by the property's name where the schema says little. */
  function validString(schema: Schema, name: string): fc.Arbitrary<string> {
    const min = schema.minLength ?? 0;
    const max = schema.maxLength ?? 60;
    const fits = (value: string) => [...value].length >= min && [...value].length <= max;
    if (ID_NAME.test(name)) return knownOr(hints, name, randomUlid);
    if (schema.format === 'uri' || name === 'url') return fc.constantFrom(...hints.urls);
    if (schema.format === 'date-time') return dateTime;
    if (schema.format === 'date') return date;
    if (name === 'currency') return fc.constantFrom('EUR', 'USD', 'GBP', 'JPY', 'XYZ');
    if (/^(amount|unitPrice|budget|value)$/.test(name)) return fc.oneof(fc.constantFrom('0', '0.00', '10.00', '999999999999.99', '-1.00', '1.999'), fc.nat({ max: 1_000_000 }).map(String));
    if (name === 'email') return fc.oneof(fc.emailAddress(), fc.constantFrom('ada@example.com', 'Ada@Example.COM')).filter(fits);
    if (name === 'phone') return fc.oneof(fc.constantFrom('+44 20 7946 0001', '+14155550100', '0044 20'), fc.stringMatching(/^\+[1-9]\d{7,13}$/)).filter(fits);
    if (name === 'tz') return fc.constantFrom('UTC', 'Europe/Paris', 'America/New_York', 'Mars/Olympus');
    if (schema.pattern) {
      // fast-check draws strings matching the pattern; lengths the pattern allows but the bounds do not are dropped.
      return matching(schema.pattern).filter(fits);
    }
    const lengths = fc.oneof({ weight: 4, arbitrary: fc.string({ minLength: min, maxLength: Math.min(max, Math.max(min, 30)) }) }, { weight: 1, arbitrary: fc.constant('x'.repeat(max)) }, { weight: 1, arbitrary: fc.constant('é'.repeat(Math.max(min, 1))) });
    return lengths.filter(fits);
  }

  function validNumber(schema: Schema, integer: boolean): fc.Arbitrary<number> {
    const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + (integer ? 1 : Number.EPSILON) : integer ? -1_000_000 : -1e9);
    const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - (integer ? 1 : Number.EPSILON) : integer ? 1_000_000 : 1e9);
    const lo = Math.max(min, Number.MIN_SAFE_INTEGER);
    const hi = Math.min(max, Number.MAX_SAFE_INTEGER);
    const inside = integer ? fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) }) : fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true });
    return fc.oneof({ weight: 4, arbitrary: inside }, { weight: 1, arbitrary: fc.constantFrom(integer ? Math.ceil(lo) : lo, integer ? Math.floor(hi) : hi) });
  }

  /** A value the schema accepts. */
  function valid(input: Schema, name = '', depth = 0): fc.Arbitrary<unknown> {
    const schema = resolve(input);
    if (schema.const !== undefined) return fc.constant(schema.const);
    if (schema.enum) return fc.constantFrom(...schema.enum);
    const options = schema.anyOf ?? schema.oneOf;
    if (options) return fc.oneof(...options.map((option) => valid(option, name, depth)));
    if (schema.allOf) return valid(Object.assign({}, ...schema.allOf.map(resolve), { allOf: undefined }), name, depth);
    const types = typesOf(schema);
    if (types.length > 1) return fc.oneof(...types.map((type) => valid({ ...schema, type }, name, depth)));
    switch (types[0]) {
      case 'string':
        return validString(schema, name);
      case 'integer':
        return validNumber(schema, true);
      case 'number':
        return validNumber(schema, false);
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      case 'array': {
        const minLength = schema.minItems ?? 0;
        const maxLength = Math.min(schema.maxItems ?? 4, depth > 2 ? minLength : minLength + 3);
        return fc.array(valid(schema.items ?? {}, singular(name), depth + 1), { minLength, maxLength });
      }
      case 'object':
      case undefined:
        if (!schema.properties && !schema.additionalProperties && types[0] === undefined) return fc.anything({ maxDepth: 1 });
        return validObject(schema, depth);
      default:
        return fc.constant(null);
    }
  }

  function validObject(schema: Schema, depth: number): fc.Arbitrary<Record<string, unknown>> {
    const properties = schema.properties ?? {};
    const required = new Set(schema.required ?? []);
    const shape = Object.fromEntries(Object.entries(properties).map(([key, property]) => [key, valid(property, key, depth + 1)]));
    const fixed = fc.record(shape, { requiredKeys: [...required].filter((key) => key in properties) });
    if (typeof schema.additionalProperties !== 'object') return fixed as fc.Arbitrary<Record<string, unknown>>;
    const keys = schema.propertyNames ? (valid(schema.propertyNames, 'key', depth + 1) as fc.Arbitrary<string>) : fc.stringMatching(/^[a-z][a-z0-9_]{0,20}$/);
    const map = fc.dictionary(keys, valid(schema.additionalProperties, '', depth + 1), { maxKeys: Math.min(schema.maxProperties ?? 4, 4) });
    return fc.tuple(fixed, map).map(([known, more]) => ({ ...more, ...known }));
  }

  /** A value the schema refuses (or that sits right at a bound the server may enforce more tightly). */
  function invalid(input: Schema, name = '', depth = 0): fc.Arbitrary<unknown> {
    const schema = resolve(input);
    const types = typesOf(schema);
    const others: (fc.Arbitrary<unknown> | false)[] = [
      !types.includes('string') && anyString,
      !types.includes('number') && !types.includes('integer') && fc.oneof(fc.integer(), fc.double()),
      !types.includes('boolean') && fc.boolean(),
      !types.includes('null') && fc.constant(null),
      !types.includes('array') && fc.array(fc.anything({ maxDepth: 1 }), { maxLength: 3 }),
      !types.includes('object') && fc.object({ maxDepth: 1 }),
    ];
    const wrongType = fc.oneof(...others.filter((arbitrary): arbitrary is fc.Arbitrary<unknown> => arbitrary !== false));
    const specific: fc.Arbitrary<unknown>[] = [];
    if (schema.enum) specific.push(fc.oneof(anyString, fc.constantFrom(...schema.enum.map((value) => (typeof value === 'string' ? value.toUpperCase() + ' ' : value)))));
    if (types.includes('string')) {
      specific.push(anyString);
      if (schema.maxLength !== undefined) specific.push(fc.constantFrom('x'.repeat(schema.maxLength + 1), '🙂'.repeat(schema.maxLength + 1), 'y'.repeat(schema.maxLength * 4 + 100)));
      if (schema.minLength) specific.push(fc.constant('z'.repeat(schema.minLength - 1)));
      if (schema.format === 'date' || schema.format === 'date-time') specific.push(fc.constantFrom('0000-01-01', '9999-12-31', '2026-02-30', '2026-13-01', '1899-12-31T23:59:59Z', '2026-01-01T25:00:00Z', '2026-01-01T00:00:00', 'yesterday'));
    }
    if (types.includes('integer') || types.includes('number')) {
      const bounds = [schema.minimum === undefined ? undefined : schema.minimum - 1, schema.maximum === undefined ? undefined : schema.maximum + 1].filter((value): value is number => value !== undefined);
      specific.push(fc.constantFrom(...bounds, 1.5, -0, 1e21, Number.MAX_SAFE_INTEGER + 2, -1));
    }
    if (types.includes('array') || schema.items) {
      specific.push(fc.array(invalid(schema.items ?? {}, singular(name), depth + 1), { minLength: 1, maxLength: 3 }));
      if (schema.maxItems !== undefined) specific.push(fc.array(valid(schema.items ?? {}, singular(name), depth + 1), { minLength: schema.maxItems + 1, maxLength: schema.maxItems + 1 }));
    }
    if ((types.includes('object') || schema.properties) && depth < 3) specific.push(invalidObject(schema, depth));
    return specific.length > 0 ? fc.oneof({ weight: 1, arbitrary: wrongType }, { weight: 3, arbitrary: fc.oneof(...specific) }) : wrongType;
  }

  /** An object with one thing wrong: a required field missing, a field too many, or one field invalid. */
  function invalidObject(input: Schema, depth = 0): fc.Arbitrary<unknown> {
    const schema = resolve(input);
    const properties = Object.keys(schema.properties ?? {});
    const base = validObject(schema, depth);
    const mutations: fc.Arbitrary<unknown>[] = [fc.tuple(base, fc.oneof(fc.constantFrom('extra', '__proto__', 'tenantId', 'id', 'version', ''), anyString), fc.anything({ maxDepth: 1 })).map(([object, key, value]) => ({ ...object, [key]: value }))];
    const required = (schema.required ?? []).filter((key) => properties.includes(key));
    if (required.length > 0) {
      mutations.push(
        fc.tuple(base, fc.constantFrom(...required)).map(([object, key]) => {
          const { [key]: _dropped, ...rest } = object;
          return rest;
        }),
      );
    }
    if (properties.length > 0) {
      mutations.push(
        fc
          .constantFrom(...properties)
          .chain((key) => fc.tuple(base, fc.constant(key), invalid(schema.properties![key]!, key, depth + 1)))
          .map(([object, key, value]) => ({ ...object, [key]: value })),
      );
    }
    return fc.oneof(...mutations);
  }

  return { valid, invalid, invalidObject, resolve };
}

const singular = (name: string) => (name.endsWith('s') ? name.slice(0, -1) : name);

const instant = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2199-12-31T23:59:59Z'), noInvalidDate: true });
const dateTime = fc.oneof(
  instant.map((value) => value.toISOString()),
  fc.tuple(instant, fc.constantFrom('+02:00', '-05:30', '+00:00')).map(([value, offset]) => value.toISOString().replace('Z', offset)),
  fc.integer({ min: -30, max: 30 }).map((days) => new Date(Date.now() + days * 86_400_000).toISOString()),
);
const date = fc.oneof(
  instant.map((value) => value.toISOString().slice(0, 10)),
  fc.integer({ min: -30, max: 30 }).map((days) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)),
);
