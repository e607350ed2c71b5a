import type * as z from 'zod';
import { ETAG_PATTERN } from '../concurrency';
import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENCY_KEY_PATTERN } from '../idempotency/idempotency-key';
import { ROUTES, type RouteDefinition, type RouteId } from '../routes';
import { errorBodySchema, TAGS, type RouteContract } from './contract';
import { SchemaCollector, type JsonSchema } from './json-schema';
import { maxLengthOfPattern } from './pattern-length';
import { ROUTE_CONTRACTS } from './route-contracts';

/** Version of the API the document describes (the path prefix says the major). */
export const API_VERSION = '1.0.0';

export type OpenApiDocument = Record<string, unknown> & { paths: Record<string, Record<string, OperationObject>> };

interface OperationObject {
  operationId: string;
  responses: Record<string, { description: string; headers: Record<string, unknown>; content?: Record<string, { schema: JsonSchema }> }>;
  [key: string]: unknown;
}

const ERROR_REF = { $ref: '#/components/schemas/Error' };
const REQUEST_ID_HEADER = { 'x-request-id': { $ref: '#/components/headers/RequestId' } };
/** What a 429 tells the client about when to come back. */
const THROTTLED_HEADERS = { ...REQUEST_ID_HEADER, 'retry-after': { $ref: '#/components/headers/RetryAfter' } };
/** The IETF draft's RateLimit-* headers: on every answer of a route counted against a rate limit (all but the public ones). */
const RATE_LIMIT_HEADERS = {
  'ratelimit-limit': { $ref: '#/components/headers/RateLimitLimit' },
  'ratelimit-remaining': { $ref: '#/components/headers/RateLimitRemaining' },
  'ratelimit-reset': { $ref: '#/components/headers/RateLimitReset' },
  'ratelimit-policy': { $ref: '#/components/headers/RateLimitPolicy' },
};

/**
 * The OpenAPI 3.1 document of the API, built from the route table (paths, methods, who may call)
 * and the route contracts (the zod schemas input is validated with, the answers by status).
 */
export function buildOpenApiDocument(): OpenApiDocument {
  const schemas = new SchemaCollector();
  schemas.convert(errorBodySchema, 'output');
  const paths: OpenApiDocument['paths'] = {};
  for (const [id, route] of Object.entries(ROUTES) as [RouteId, RouteDefinition][]) {
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = operationOf(id, route, ROUTE_CONTRACTS[id], schemas);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Rapport API',
      version: API_VERSION,
      description:
        'A multi-tenant CRM. Send the access token from POST /v1/auth/login as `Authorization: Bearer <token>`. ' +
        'Errors always look like `{ "error": { "code", "message", "details"?, "requestId" } }`; every response carries `x-request-id`.',
    },
    // Relative: the document is served by the API it describes, at /v1/openapi.json of the same host.
    servers: [{ url: '/', description: 'The API that serves this document, in production, staging or local alike', 'x-internal': false }],
    tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
    paths,
    components: {
      schemas: schemas.components,
      headers: {
        RequestId: { description: 'The request id, also in every error body: quote it to support', required: true, schema: { type: 'string' } },
        // A day at most: the longest wait answered today is a log-in lockout's 15 minutes.
        RetryAfter: { description: 'Seconds to wait before trying again (RFC 9110 §10.2.3)', required: false, schema: { type: 'integer', format: 'int32', minimum: 0, maximum: 86_400 } },
        RateLimitLimit: { description: 'Requests allowed in the window closest to running out (draft-ietf-httpapi-ratelimit-headers-07)', required: true, schema: { type: 'integer', format: 'int32', minimum: 1, maximum: 1_000_000 } },
        RateLimitRemaining: { description: 'Requests left in that window (an estimate; 0 on a 429)', required: true, schema: { type: 'integer', format: 'int32', minimum: 0, maximum: 1_000_000 } },
        RateLimitReset: { description: 'Seconds until that window starts again', required: true, schema: { type: 'integer', format: 'int32', minimum: 1, maximum: 60 } },
        RateLimitPolicy: { description: 'Every limit that applies, as `<requests>;w=<seconds>`: the burst per second, then the sustained rate per minute', required: true, schema: { type: 'string', examples: ['50;w=1, 1500;w=60'] } },
      },
      parameters: {
        IfMatch: {
          name: 'if-match',
          in: 'header',
          required: false,
          description: 'The ETag of the version the change is based on; a change made since is refused with 409. Without it the change applies to the latest version (or the body\'s `version`, where there is one).',
          schema: { type: 'string', pattern: ETAG_PATTERN.source, maxLength: maxLengthOfPattern(ETAG_PATTERN.source) },
        },
      },
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          // aws-jwt-verify checks what RFC 8725 asks: the algorithm from the key set (RS256, never none), issuer, audience or client, token use and expiry.
          description: 'The access token of a workspace member: a JWT handled as RFC8725 recommends (signature algorithm fixed by the key set, issuer, client, token use and expiry checked)',
        },
        ingestKey: { type: 'apiKey', in: 'header', name: 'x-ingest-key', description: "A workspace's write-only key for behaviour events" },
      },
    },
  };
}

function operationOf(id: RouteId, route: RouteDefinition, contract: RouteContract, schemas: SchemaCollector): OperationObject {
  const { authorization } = route;
  const limited = authorization !== 'public';
  const needs =
    authorization === 'public' ? 'Public.' : authorization === 'member' ? 'Any member.' : authorization === 'ingest-key' ? 'An ingest key.' : `Needs \`${authorization}\`.`;
  const operation: OperationObject = {
    operationId: id,
    summary: route.summary,
    description: needs,
    tags: [contract.tag],
    security: authorization === 'public' ? [] : authorization === 'ingest-key' ? [{ ingestKey: [] }] : [{ bearerAuth: [] }],
    responses: {},
  };
  const parameters: unknown[] = [
    ...parametersOf(contract.request.params, 'path', schemas),
    ...parametersOf(contract.request.query, 'query', schemas),
    ...(route.idempotent ? [IDEMPOTENCY_KEY_PARAMETER] : []),
  ];
  if (contract.ifMatch) parameters.push({ $ref: '#/components/parameters/IfMatch' });
  if (parameters.length > 0) operation.parameters = parameters;
  if (contract.request.body) {
    operation.requestBody = { required: true, content: { 'application/json': { schema: schemas.convert(contract.request.body, 'input') } } };
  }
  for (const [status, response] of Object.entries(contract.responses)) {
    const headers = Object.fromEntries(
      Object.entries(response.headers ?? {}).map(([name, description]) => [name, { description, required: true, schema: { type: 'string' } }]),
    );
    operation.responses[status] = {
      description: response.description,
      headers: { ...REQUEST_ID_HEADER, ...(limited ? RATE_LIMIT_HEADERS : {}), ...headers },
      ...(response.contentType
        ? { content: { [response.contentType]: { schema: { type: 'string' } } } }
        : response.body
          ? { content: { 'application/json': { schema: schemas.convert(response.body, 'output') } } }
          : {}),
    };
  }
  for (const [status, description] of Object.entries(errorStatusesOf(route, contract))) {
    const errorHeaders = status !== '429' ? REQUEST_ID_HEADER : limited ? { ...THROTTLED_HEADERS, ...RATE_LIMIT_HEADERS } : THROTTLED_HEADERS;
    operation.responses[status] = { description, headers: errorHeaders, content: { 'application/json': { schema: ERROR_REF } } };
  }
  return operation;
}

/** The optional header of the routes that create or move something (docs/api.md, "Retries"). */
const IDEMPOTENCY_KEY_PARAMETER = {
  name: IDEMPOTENCY_KEY_HEADER,
  in: 'header',
  required: false,
  description:
    'Names this write so that a retry writes once: a retry with the same key (same caller, route, body and path) gets the first answer, ' +
    'for 24 hours. A failed first try (4xx, 5xx) keeps nothing, so it can be fixed and retried with the same key.',
  schema: { type: 'string', minLength: 1, maxLength: 255, pattern: IDEMPOTENCY_KEY_PATTERN.source },
};

/** Path and query parameters, one per property of the object schema they are validated with. */
function parametersOf(schema: z.ZodType | undefined, where: 'path' | 'query', schemas: SchemaCollector) {
  if (!schema) return [];
  const json = schemas.convert(schema, 'input');
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === 'path' || required.has(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: rest,
    };
  });
}

/**
 * The error statuses of a route: the ones every route of its kind can give, then its own. Kept
 * here rather than per contract so that a new route gets them right without thinking about it.
 */
export function errorStatusesOf(route: RouteDefinition, contract: RouteContract): Record<number, string> {
  const { request } = contract;
  const statuses: Record<number, string> = {};
  if (request.body || request.query || request.params) statuses[400] = 'Invalid input (or malformed JSON): `details.fields` names every bad field';
  if (route.authorization !== 'public') statuses[401] = route.authorization === 'ingest-key' ? 'Missing or revoked ingest key' : 'Missing, invalid or expired token, or a disabled user';
  if (route.authorization !== 'public' && route.authorization !== 'member' && route.authorization !== 'ingest-key') {
    statuses[403] = `The caller's role lacks \`${route.authorization}\` (named in \`details.permission\`)`;
  }
  if (request.params) statuses[404] = 'No such record in the workspace';
  if (request.body) {
    statuses[413] = 'Body over 256 KiB';
    statuses[415] = 'Body not JSON';
  }
  statuses[429] =
    route.authorization === 'public'
      ? 'Too many requests (API Gateway throttling)'
      : `Over the ${route.authorization === 'ingest-key' ? "ingest key's" : "workspace's"} rate limit (\`RATE_LIMITED\`): try again after \`Retry-After\` seconds`;
  statuses[500] = 'Our bug: the body holds only the request id';
  statuses[503] = 'Too much contention on the workspace; retry';
  const all: Record<number, string> = { ...statuses, ...contract.errors };
  if (route.idempotent) {
    all[400] = `${all[400] ?? 'Invalid input'}; or a malformed \`${IDEMPOTENCY_KEY_HEADER}\``;
    const inProgress = `A request with the same \`${IDEMPOTENCY_KEY_HEADER}\` is still in progress (IDEMPOTENCY_KEY_IN_PROGRESS): retry later`;
    all[409] = all[409] ? `${all[409]}; or: ${inProgress}` : inProgress;
    all[422] = `The \`${IDEMPOTENCY_KEY_HEADER}\` was already used with another body or path (IDEMPOTENCY_KEY_REUSED)`;
  }
  return all;
}
