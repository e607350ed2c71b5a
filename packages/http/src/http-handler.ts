import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type { Actor, AuthContext, RequestMeta } from '@rapport/domain';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { z } from 'zod';
import type { RequestContext } from './context';
import { authenticate, type Authenticate } from './middleware/authenticate';
import { authorize, type RecordDenial } from './middleware/authorize';
import { errorResponder } from './middleware/error-responder';
import { jsonBody } from './middleware/json-body';
import { requestContext } from './middleware/request-context';
import { HttpError } from './errors';
import { toProxyResult } from './proxy-result';
import { matchRoute } from './route-matcher';
import type { HttpResponse } from './responses';
import { ROUTES, type RouteId } from './routes';
import { requestMetaOf } from './request-meta';
import { parseInput } from './validation';

/** Largest JSON body a route accepts; bulk data goes through imports, not single requests. */
export const MAX_JSON_BODY_BYTES = 256 * 1024;

/** What every HTTP handler is built from: created once per Lambda container. */
export interface HttpRuntime {
  logger: Logger;
  tracer?: Tracer;
  authenticate: Authenticate;
  /** Audits a refused request (the caller lacked the route's permission). */
  recordDenial?: RecordDenial;
}

export interface InputSchemas {
  body?: z.ZodType;
  query?: z.ZodType;
  params?: z.ZodType;
}

type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;
type AuthOf<Id extends RouteId> = (typeof ROUTES)[Id]['authorization'] extends 'public' ? undefined : AuthContext;
type ActorOf<Id extends RouteId> = (typeof ROUTES)[Id]['authorization'] extends 'public' ? undefined : Actor;

/** What a handler's action receives: validated input and, on `user` routes, the caller. */
export interface HandlerInput<Id extends RouteId, S extends InputSchemas> {
  body: Infer<S['body']>;
  query: Infer<S['query']>;
  params: Infer<S['params']>;
  auth: AuthOf<Id>;
  /** The caller and their request together, as use-cases take them. */
  actor: ActorOf<Id>;
  /** Header names lower-cased. */
  headers: Record<string, string | undefined>;
  /** Request id, source IP and user agent, for the audit trail. */
  request: RequestMeta;
}

/**
 * Builds a Lambda handler for one route from the shared middy chain: request id and logger keys,
 * tracing, header normalisation, authentication (on `user` routes), JSON body parsing (when the
 * route has a body), zod validation of body, query and path, and the one error responder. The
 * action only calls a use-case and shapes the response.
 */
export function createHttpHandler<Id extends RouteId, S extends InputSchemas>(
  runtime: HttpRuntime,
  routeId: Id,
  schemas: S,
  action: (input: HandlerInput<Id, S>) => Promise<HttpResponse>,
) {
  const route = ROUTES[routeId];
  const chain = baseChain(runtime);
  if (route.authorization !== 'public') chain.use(authenticate(runtime.authenticate, runtime.logger));
  if (route.authorization !== 'public' && route.authorization !== 'member') {
    chain.use(authorize(route.authorization, routeId, runtime.recordDenial));
  }
  if (schemas.body) chain.use(jsonBody({ maxBytes: MAX_JSON_BODY_BYTES }));

  return chain.handler(async (event, context) => {
    const requestId = context.requestId ?? context.awsRequestId;
    const request = requestMetaOf(event, requestId);
    const input = {
      body: schemas.body ? parseInput(schemas.body, event.body) : undefined,
      query: schemas.query ? parseInput(schemas.query, event.queryStringParameters ?? {}, 'query') : undefined,
      params: schemas.params ? parseInput(schemas.params, event.pathParameters ?? {}, 'path') : undefined,
      auth: context.auth,
      actor: context.auth ? { auth: context.auth, request } : undefined,
      headers: event.headers,
      request,
    } as HandlerInput<Id, S>;
    return toProxyResult(await action(input), requestId);
  });
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
function baseChain(runtime: Pick<HttpRuntime, 'logger' | 'tracer'>) {
  const chain = middy<APIGatewayProxyEvent, APIGatewayProxyResult, Error, RequestContext>({ timeoutEarlyInMillis: 0 })
    .use(injectLambdaContext(runtime.logger, { resetKeys: true }))
    .use(requestContext(runtime.logger))
    .use(errorResponder(runtime.logger))
    .use(httpHeaderNormalizer());
  if (runtime.tracer) chain.use(captureLambdaHandler(runtime.tracer, { captureResponse: false }));
  return chain;
}
