import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type { Actor, AuthContext, IngestKey, RateLimiter, RequestMeta } from '@rapport/domain';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type * as z from 'zod';
import type { RequestContext } from './context';
import httpCors from '@middy/http-cors';
import { authenticate, type Authenticate } from './middleware/authenticate';
import { authenticateIngestKey, type AuthenticateIngestKey } from './middleware/authenticate-ingest-key';
import { authorize, type RecordDenial } from './middleware/authorize';
import { rateLimit } from './middleware/rate-limit';
import { errorResponder } from './middleware/error-responder';
import { jsonBody } from './middleware/json-body';
import { requestContext } from './middleware/request-context';
import { HttpError } from './errors';
import type { IdempotentWrites } from './idempotency/idempotency-key';
import { toProxyResult } from './proxy-result';
import { matchRoute } from './route-matcher';
import type { HttpResponse } from './responses';
import type { Endpoint } from './endpoint';
import { requestMetaOf } from './request-meta';
import { parseInput } from './validation';

/** What a site's script may read of an answer, so it can pace itself. */
const RATE_LIMIT_HEADER_NAMES = 'retry-after,ratelimit-limit,ratelimit-remaining,ratelimit-reset,ratelimit-policy';

/** Largest JSON body a route accepts; bulk data goes through imports, not single requests. */
export const MAX_JSON_BODY_BYTES = 256 * 1024;

/** What every HTTP handler is built from: created once per Lambda container. */
export interface HttpRuntime {
  logger: Logger;
  tracer?: Tracer;
  authenticate: Authenticate;
  /** Audits a refused request (the caller lacked the route's permission). */
  recordDenial?: RecordDenial;
  /** Resolves the ingest key of routes that take one. */
  authenticateIngestKey?: AuthenticateIngestKey;
  /**
   * Given to the handlers of idempotent routes only (`idempotentRuntime` in `functions/shared`),
   * so the others' bundles hold no idempotency utility.
   */
  idempotency?: IdempotentWrites;
  /** Counts each authenticated request against its workspace's (or ingest key's) rate limits. */
  rateLimit?: RateLimiter;
}

export interface InputSchemas {
  body?: z.ZodType;
  query?: z.ZodType;
  params?: z.ZodType;
}

type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;
type Authorization<E extends Endpoint> = E['route']['authorization'];
type AuthOf<E extends Endpoint> = Authorization<E> extends 'public' | 'ingest-key' ? undefined : AuthContext;
type ActorOf<E extends Endpoint> = Authorization<E> extends 'public' | 'ingest-key' ? undefined : Actor;
type IngestKeyOf<E extends Endpoint> = Authorization<E> extends 'ingest-key' ? IngestKey : undefined;

/** What a handler's action receives: validated input and, on `user` routes, the caller. */
export interface HandlerInput<E extends Endpoint, S extends InputSchemas> {
  body: Infer<S['body']>;
  query: Infer<S['query']>;
  params: Infer<S['params']>;
  auth: AuthOf<E>;
  /** The caller and their request together, as use-cases take them. */
  actor: ActorOf<E>;
  /** On ingest-key routes, the key presented (and so the tenant). */
  ingestKey: IngestKeyOf<E>;
  /** Header names lower-cased. */
  headers: Record<string, string | undefined>;
  /** Request id, source IP and user agent, for the audit trail. */
  request: RequestMeta;
}

/**
 * Builds a Lambda handler for one route from the shared middy chain: request id and logger keys,
 * tracing, header normalisation, authentication (on `user` routes), JSON body parsing (when the
 * route has a body), zod validation of body, query and path, and the one error responder. The
 * action only calls a use-case and shapes the response. The endpoint comes from the handler's own
 * area (`contactEndpoints.createContact`), so its bundle holds no other area's routes or contracts.
 */
export function createHttpHandler<E extends Endpoint, S extends InputSchemas>(
  runtime: HttpRuntime,
  endpoint: E,
  schemas: S,
  action: (input: HandlerInput<E, S>) => Promise<HttpResponse>,
) {
  const { id: routeId, route } = endpoint;
  assertContractSchemas(endpoint, schemas);
  const chain = baseChain(runtime, { cors: route.cors === true });
  const authorization = route.authorization;
  if (authorization === 'ingest-key') {
    if (!runtime.authenticateIngestKey) throw new Error(`Route ${routeId} needs authenticateIngestKey in the runtime`);
    chain.use(authenticateIngestKey(runtime.authenticateIngestKey));
    if (runtime.rateLimit) chain.use(rateLimit(runtime.rateLimit));
  } else if (authorization !== 'public') {
    chain.use(authenticate(runtime.authenticate, runtime.logger));
    // Before authorize: a refused flood writes no denial audit events either.
    if (runtime.rateLimit) chain.use(rateLimit(runtime.rateLimit));
    if (authorization !== 'member') chain.use(authorize(authorization, routeId, runtime.recordDenial));
  }
  if (schemas.body) chain.use(jsonBody({ maxBytes: MAX_JSON_BODY_BYTES }));
  assertIdempotency(endpoint, runtime);

  return chain.handler(async (event, context) => {
    const requestId = context.requestId ?? context.awsRequestId;
    const request = requestMetaOf(event, requestId);
    const input = {
      body: schemas.body ? parseInput(schemas.body, event.body) : undefined,
      query: schemas.query ? parseInput(schemas.query, event.queryStringParameters ?? {}, 'query') : undefined,
      params: schemas.params ? parseInput(schemas.params, event.pathParameters ?? {}, 'path') : undefined,
      auth: context.auth,
      actor: context.auth ? { auth: context.auth, request } : undefined,
      ingestKey: context.ingestKey,
      headers: event.headers,
      request,
    } as HandlerInput<E, S>;
    const { idempotency } = runtime;
    return toProxyResult(await (idempotency ? idempotency.answer(routeId, event, context, () => action(input)) : action(input)), requestId);
  });
}

/**
 * The OpenAPI document is generated from the route contracts; a handler validating with any other
 * schema object (or leaving one out) would make it lie, so that fails at cold start, and in every
 * test that builds the handler.
 */
function assertContractSchemas({ id, contract }: Endpoint, schemas: InputSchemas): void {
  const request: InputSchemas = contract.request;
  for (const part of ['body', 'query', 'params'] as const) {
    if (schemas[part] !== request[part]) {
      throw new Error(`Route ${id} validates its ${part} with another schema than its contract's (packages/http/src/openapi)`);
    }
  }
}

/**
 * An idempotent route's handler must have the idempotency store (`idempotentRuntime` in
 * `functions/shared`; `sealedIdempotentRuntime` where the answers hold personal fields, as it
 * encrypts what it keeps), and only such a handler may; a public or ingest-key route has no caller
 * to scope a key by. Short messages: every handler's bundle carries them.
 */
function assertIdempotency({ id, route }: Endpoint, runtime: HttpRuntime): void {
  const store = runtime.idempotency;
  const problem = !route.idempotent
    ? store && 'is not idempotent: no idempotency store'
    : route.authorization === 'public' || route.authorization === 'ingest-key'
      ? 'is idempotent without a caller'
      : !store
        ? 'is idempotent: use idempotentRuntime'
        : route.access.fieldKeys && !store.sealsAnswers && 'has personal fields: use sealedIdempotentRuntime';
  if (problem) throw new Error(`Route ${id} ${problem}`);
}

/**
 * The handler behind every path and method that no route serves (API Gateway sends them to it,
 * as does the local adapter): 405 with `Allow` for a known path, else 404, in the API's error shape.
 */
export function createFallbackHandler(runtime: Pick<HttpRuntime, 'logger' | 'tracer'>) {
  return baseChain(runtime).handler(async (event) => {
    const match = matchRoute(event.httpMethod, event.path);
    if (match.kind === 'method-not-allowed') {
      throw new HttpError('METHOD_NOT_ALLOWED', `${event.httpMethod} is not allowed on ${event.path}`, {
        details: { allow: match.allow },
        headers: { allow: match.allow.join(', ') },
      });
    }
    throw new HttpError('ROUTE_NOT_FOUND', `No route ${event.httpMethod} ${event.path}`);
  });
}

/** The middleware every handler shares, in order; onError handlers run in reverse. */
function baseChain(runtime: Pick<HttpRuntime, 'logger' | 'tracer'>, options: { cors?: boolean } = {}) {
  const chain = middy<APIGatewayProxyEvent, APIGatewayProxyResult, Error, RequestContext>({ timeoutEarlyInMillis: 0 })
    .use(injectLambdaContext(runtime.logger, { resetKeys: true }))
    .use(requestContext(runtime.logger));
  // Before the error responder, whose response its onError (running after, in reverse order) then
  // decorates: refusals carry the CORS headers too, so a browser on the site can read them.
  if (options.cors) chain.use(httpCors({ origin: '*', headers: 'content-type,x-ingest-key', methods: 'POST,OPTIONS', exposeHeaders: RATE_LIMIT_HEADER_NAMES }));
  chain
    .use(errorResponder(runtime.logger))
    .use(httpHeaderNormalizer());
  if (runtime.tracer) chain.use(captureLambdaHandler(runtime.tracer, { captureResponse: false }));
  return chain;
}
