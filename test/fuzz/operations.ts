import fc from 'fast-check';
import { anyString, createSchemaArbitraries, knownOr, type Hints, type Schema } from './schema-arbitraries';

/** One operation of the OpenAPI document, as the fuzzer drives it. */
export interface Operation {
  id: string;
  method: string;
  path: string;
  /** How a caller proves who they are: a member's bearer token, an ingest key, or nothing. */
  security: 'bearer' | 'ingest-key' | 'public';
  pathParameters: { name: string; schema: Schema }[];
  queryParameters: { name: string; schema: Schema; required: boolean }[];
  body?: Schema;
  statuses: string[];
}

/** Who sends a request: the seeded owner, a member kept for logging out, an ingest key, or a stranger. */
export type Caller = 'owner' | 'member' | 'ingest-key' | 'none' | 'garbage-token' | 'tampered-token';

/** A generated request, before the caller's credentials are filled in. */
export interface FuzzRequest {
  operation: string;
  method: string;
  path: string;
  caller: Caller;
  headers: Record<string, string>;
  body?: string;
  /** Whether every part was drawn as the document allows (the server may still refuse it, e.g. an unknown id). */
  valid: boolean;
  /** What was wrong with it, when something was meant to be. */
  mutation?: string;
}

export function operationsOf(document: any): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries<any>(document.paths)) {
    for (const [method, operation] of Object.entries<any>(item)) {
      const parameters: any[] = operation.parameters ?? [];
      const security = operation.security?.[0];
      operations.push({
        id: operation.operationId,
        method: method.toUpperCase(),
        path,
        security: security?.bearerAuth ? 'bearer' : security?.ingestKey ? 'ingest-key' : 'public',
        pathParameters: parameters.filter((parameter) => parameter.in === 'path').map(({ name, schema }) => ({ name, schema: schema ?? {} })),
        queryParameters: parameters.filter((parameter) => parameter.in === 'query').map(({ name, schema, required }) => ({ name, schema: schema ?? {}, required: required === true })),
        body: operation.requestBody?.content?.['application/json']?.schema,
        statuses: Object.keys(operation.responses),
      });
    }
  }
  return operations;
}

/** Percent-encodes anything, lone surrogates included (as the bytes a careless client would send). */
export function encodeSegment(value: string): string {
  let out = '';
  for (const char of value) {
    const unit = char.charCodeAt(0);
    if (char.length === 1 && unit >= 0xd800 && unit <= 0xdfff) {
      out += [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)].map((byte) => `%${byte.toString(16).toUpperCase()}`).join('');
    } else {
      out += encodeURIComponent(char);
    }
  }
  return out;
}

const HUGE_BODY = JSON.stringify({ padding: 'p'.repeat(300 * 1024) });
const DEEP_BODY = '['.repeat(5_000) + ']'.repeat(5_000);
const RAW_BODIES = ['{', '', 'null', '[]', '"text"', '{"a":1,"a":2}', DEEP_BODY, HUGE_BODY, '\u0000', '{"firstName":"\ud800"}'];
const IF_MATCH = ['"1"', '"2"', '"999"', '*', 'W/"1"', 'garbage', '""'];

/**
 * The request arbitrary of one operation: each part (path, query, body, caller) is drawn valid
 * most of the time and otherwise broken in one of the ways the document's schemas suggest, so a
 * request is often all valid (and reaches the domain code) and often wrong in exactly one place.
 */
export function requestArbitrary(document: unknown, operation: Operation, hints: Hints): fc.Arbitrary<FuzzRequest> {
  const schemas = createSchemaArbitraries(document, hints);
  type Part<T> = { value: T; mutation?: string };
  const part = <T>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<T>, what: string, invalidWeight = 1): fc.Arbitrary<Part<T>> =>
    fc.oneof({ weight: 6, arbitrary: valid.map((value) => ({ value })) }, { weight: invalidWeight, arbitrary: invalid.map((value) => ({ value, mutation: what })) });

  const pathArbitrary = fc.tuple(
    ...operation.pathParameters.map(({ name, schema }) =>
      part(
        schemas.valid(schema, name === 'id' ? idNameOf(operation.path) : name) as fc.Arbitrary<string>,
        fc.oneof(anyString, fc.constantFrom('..', '.', '%2F', 'a/b', '0'.repeat(26), 'x'.repeat(2_000))),
        `path ${name}`,
      ),
    ),
  );

  const queryArbitrary = fc.tuple(
    ...operation.queryParameters.map(({ name, schema, required }) => {
      const value = part(
        name === 'cursor' ? knownOr(hints, 'cursor', fc.oneof(fc.constantFrom('eyJwayI6IngifQ', ''), fc.base64String({ maxLength: 60 }))) : (schemas.valid(schema, name).map(String) as fc.Arbitrary<string>),
        fc.oneof(anyString, schemas.invalid(schema, name).map((value) => (typeof value === 'string' ? value : JSON.stringify(value) ?? ''))),
        `query ${name}`,
      );
      return required ? value.map((drawn) => ({ name, ...drawn })) : fc.option(value.map((drawn) => ({ name, ...drawn })), { freq: 2, nil: undefined });
    }),
  );

  const bodyArbitrary: fc.Arbitrary<Part<string | undefined> & { contentType?: string }> = operation.body
    ? fc.oneof(
        { weight: 10, arbitrary: schemas.valid(operation.body).map((value) => ({ value: JSON.stringify(value) })) },
        { weight: 6, arbitrary: schemas.invalid(operation.body).map((value) => ({ value: JSON.stringify(value) ?? 'undefined', mutation: 'body' })) },
        { weight: 1, arbitrary: fc.constantFrom(...RAW_BODIES).map((value) => ({ value, mutation: 'raw body' })) },
        { weight: 1, arbitrary: schemas.valid(operation.body).map((value) => ({ value: JSON.stringify(value), contentType: 'text/plain', mutation: 'content type' })) },
      )
    : operation.method === 'GET'
      ? fc.constant({ value: undefined })
      : fc.oneof({ weight: 12, arbitrary: fc.constant({ value: undefined }) }, { weight: 1, arbitrary: fc.constantFrom('{}', '{"x":1}', '{').map((value) => ({ value, mutation: 'unexpected body' })) });

  const strangers: Caller[] = ['none', 'garbage-token', 'tampered-token'];
  const rightful: Caller = operation.security === 'ingest-key' ? 'ingest-key' : operation.id === 'logout' ? 'member' : 'owner';
  const callerArbitrary: fc.Arbitrary<Part<Caller>> =
    operation.security === 'public' ? fc.constant({ value: 'none' as Caller }) : part(fc.constant(rightful), fc.constantFrom(...strangers), 'caller');

  const ifMatch = operation.method === 'PATCH' || operation.method === 'DELETE' ? fc.option(fc.constantFrom(...IF_MATCH), { freq: 4, nil: undefined }) : fc.constant(undefined);

  return fc.tuple(pathArbitrary, queryArbitrary, bodyArbitrary, callerArbitrary, ifMatch).map(([pathParts, queryParts, body, caller, match]) => {
    let path = operation.path;
    operation.pathParameters.forEach(({ name }, index) => {
      path = path.replace(`{${name}}`, encodeSegment(pathParts[index]!.value));
    });
    const query = queryParts.filter((entry): entry is NonNullable<typeof entry> => entry !== undefined);
    if (query.length > 0) path += `?${query.map(({ name, value }) => `${name}=${encodeSegment(value)}`).join('&')}`;
    const headers: Record<string, string> = {};
    if (body.value !== undefined) headers['content-type'] = body.contentType ?? 'application/json';
    if (match !== undefined) headers['if-match'] = match;
    const mutations = [...pathParts.map((entry) => entry.mutation), ...query.map((entry) => entry.mutation), body.mutation, caller.mutation].filter((entry): entry is string => entry !== undefined);
    return {
      operation: operation.id,
      method: operation.method,
      path,
      caller: caller.value,
      headers,
      ...(body.value === undefined ? {} : { body: body.value }),
      valid: mutations.length === 0,
      ...(mutations.length > 0 ? { mutation: mutations.join(', ') } : {}),
    };
  });
}

/** The hint name of a path's `{id}`: `/v1/contacts/{id}/…` names a contact, so `contactId`. */
export function idNameOf(path: string): string {
  const collection = path.split('/')[2] ?? '';
  return `${collection.replace(/ies$/, 'y').replace(/s$/, '')}Id`;
}
