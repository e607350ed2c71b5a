import { Logger } from '@aws-lambda-powertools/logger';
import { loginInputSchema, NotFoundError, type AuthContext } from '@rapport/domain';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { createFallbackHandler, createHttpHandler, type HttpRuntime } from './http-handler';
import type { IdempotentWrites } from './idempotency/idempotency-key';
import { sessionEndpoints } from './openapi/contracts/session';
import { taskEndpoints, taskIdParams } from './openapi/contracts/tasks';
import { ok } from './responses';

const caller: AuthContext = { tenantId: 'T1', userId: 'U1', sub: 'S1', role: 'owner', permissions: ['contacts:read'] };

function aRuntime(overrides: Partial<HttpRuntime> = {}) {
  const logger = new Logger({ serviceName: 'test', logLevel: 'SILENT' });
  return { logger, authenticate: vi.fn(async () => caller), ...overrides } satisfies HttpRuntime;
}

function anEvent(overrides: Partial<APIGatewayProxyEvent> = {}): APIGatewayProxyEvent {
  return {
    httpMethod: 'GET',
    path: '/v1/me',
    resource: '/v1/me',
    headers: { Authorization: 'Bearer token' },
    multiValueHeaders: {},
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    body: null,
    isBase64Encoded: false,
    requestContext: { requestId: 'req-1' } as APIGatewayProxyEvent['requestContext'],
    ...overrides,
  };
}

const context = { awsRequestId: 'aws-1', functionName: 'test', getRemainingTimeInMillis: () => 10_000 } as Context;

describe('createHttpHandler', () => {
  it('refuses, at construction, to validate with another schema than the route contract names', () => {
    // Prepare
    const lookalike = z.strictObject({ email: z.string(), password: z.string() });

    // Act
    const build = (schemas: Parameters<typeof createHttpHandler>[2]) => () => createHttpHandler(aRuntime(), sessionEndpoints.login, schemas, async () => ok({}));

    // Assess
    expect(build({ body: lookalike })).toThrow(/login validates its body with another schema than its contract's/);
    expect(build({})).toThrow(/body/);
    expect(build({ body: loginInputSchema, query: lookalike })).toThrow(/query/);
    expect(build({ body: loginInputSchema })).not.toThrow();
  });

  it('refuses, at construction, a handler whose idempotency store and route disagree', () => {
    // Prepare
    const idempotency: IdempotentWrites = { sealsAnswers: true, answer: async (_route, _event, _context, action) => action() };
    const complete = (runtime: HttpRuntime) => () => createHttpHandler(runtime, taskEndpoints.completeTask, { params: taskIdParams }, async () => ok({}));
    const me = (runtime: HttpRuntime) => () => createHttpHandler(runtime, sessionEndpoints.getMe, {}, async () => ok({}));

    // Act + Assess
    expect(complete(aRuntime())).toThrow(/completeTask is idempotent/);
    expect(complete(aRuntime({ idempotency: { ...idempotency, sealsAnswers: false } }))).toThrow(/completeTask has personal fields/);
    expect(complete(aRuntime({ idempotency }))).not.toThrow();
    expect(me(aRuntime({ idempotency }))).toThrow(/getMe is not idempotent/);
  });

  it('answers an unexpected error with a plain 500 carrying the request id and nothing internal', async () => {
    // Prepare
    const runtime = aRuntime();
    const errorLog = vi.spyOn(runtime.logger, 'error');
    const handler = createHttpHandler(runtime, sessionEndpoints.getMe, {}, async () => {
      throw new Error('connect ECONNREFUSED 10.0.0.7:5432 password=hunter2');
    });

    // Act
    const result = await handler(anEvent(), context);

    // Assess
    expect(result.statusCode).toBe(500);
    const body = JSON.parse(result.body);
    expect(body).toEqual({ error: { code: 'INTERNAL_ERROR', message: expect.stringContaining('req-1'), requestId: 'req-1' } });
    expect(result.body).not.toMatch(/ECONNREFUSED|hunter2|at .*\.ts/);
    expect(result.headers?.['x-request-id']).toBe('req-1');
    expect(errorLog).toHaveBeenCalledOnce();
  });

  it('counts a member\'s request against the workspace before the action: over the limit a 429 with the headers, the action never runs', async () => {
    // Prepare
    const state = { limit: 50, windowSeconds: 1 as const, remaining: 0, resetSeconds: 1, retryAfterSeconds: 1, policy: '50;w=1, 1500;w=60' };
    const rateLimit = vi.fn().mockResolvedValueOnce({ ...state, allowed: true, remaining: 7 }).mockResolvedValueOnce({ ...state, allowed: false });
    const action = vi.fn(async () => ok({ me: true }));
    const handler = createHttpHandler(aRuntime({ rateLimit }), sessionEndpoints.getMe, {}, action);

    // Act
    const allowed = await handler(anEvent(), context);
    const refused = await handler(anEvent(), context);

    // Assess
    expect(rateLimit).toHaveBeenCalledWith({ tenantId: 'T1', kind: 'workspace' });
    expect(allowed.statusCode).toBe(200);
    expect(allowed.headers).toMatchObject({ 'ratelimit-limit': '50', 'ratelimit-remaining': '7', 'ratelimit-reset': '1', 'ratelimit-policy': '50;w=1, 1500;w=60' });
    expect(refused.statusCode).toBe(429);
    expect(refused.headers).toMatchObject({ 'retry-after': '1', 'ratelimit-remaining': '0', 'ratelimit-policy': '50;w=1, 1500;w=60' });
    expect(JSON.parse(refused.body).error).toMatchObject({ code: 'RATE_LIMITED', details: { limit: 50, windowSeconds: 1, retryAfterSeconds: 1 }, requestId: 'req-1' });
    expect(action).toHaveBeenCalledOnce();
  });

  it('does not count requests to public routes (no tenant is known)', async () => {
    // Prepare
    const rateLimit = vi.fn();
    const handler = createHttpHandler(aRuntime({ rateLimit }), sessionEndpoints.login, { body: loginInputSchema }, async () => ok({}));

    // Act
    const result = await handler(anEvent({ httpMethod: 'POST', path: '/v1/auth/login', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: 'a@example.com', password: 'x' }) }), context);

    // Assess
    expect(result.statusCode).toBe(200);
    expect(rateLimit).not.toHaveBeenCalled();
    expect(result.headers).not.toHaveProperty('ratelimit-limit');
  });

  it('maps a domain error to its status and code', async () => {
    const handler = createHttpHandler(aRuntime(), sessionEndpoints.getMe, {}, async () => {
      throw new NotFoundError('contact', 'C1');
    });

    const result = await handler(anEvent(), context);

    expect(result.statusCode).toBe(404);
    expect(JSON.parse(result.body).error).toMatchObject({ code: 'NOT_FOUND', details: { entity: 'contact', id: 'C1' } });
  });

  it('authenticates user routes and hands the action the caller', async () => {
    const runtime = aRuntime();
    const handler = createHttpHandler(runtime, sessionEndpoints.getMe, {}, async ({ auth }) => ok({ tenant: auth.tenantId }));

    const result = await handler(anEvent(), context);

    expect(runtime.authenticate).toHaveBeenCalledWith('token');
    expect(JSON.parse(result.body)).toEqual({ tenant: 'T1' });
  });

  it('does not authenticate public routes', async () => {
    const runtime = aRuntime();
    const handler = createHttpHandler(runtime, sessionEndpoints.login, { body: loginInputSchema }, async ({ body }) => ok(body));

    const result = await handler(
      anEvent({ httpMethod: 'POST', path: '/v1/auth/login', headers: { 'Content-Type': 'application/json' }, body: '{"email":"ann@example.com","password":"x"}' }),
      context,
    );

    expect(result.statusCode).toBe(200);
    expect(runtime.authenticate).not.toHaveBeenCalled();
  });

  it('decodes a base64-encoded JSON body', async () => {
    const handler = createHttpHandler(aRuntime(), sessionEndpoints.login, { body: loginInputSchema }, async ({ body }) => ok(body));

    const result = await handler(
      anEvent({
        httpMethod: 'POST',
        headers: { 'content-type': 'application/json' },
        body: Buffer.from('{"email":"xavier@example.com","password":"x"}').toString('base64'),
        isBase64Encoded: true,
      }),
      context,
    );

    expect(JSON.parse(result.body)).toEqual({ email: 'xavier@example.com', password: 'x' });
  });
});

describe('createFallbackHandler', () => {
  it.each([
    ['GET', '/nowhere', 404, undefined],
    ['PUT', '/v1/contacts', 405, 'POST, GET'],
  ])('answers %s %s with %i', async (method, path, status, allow) => {
    const result = await createFallbackHandler(aRuntime())(anEvent({ httpMethod: method, path }), context);

    expect(result.statusCode).toBe(status);
    expect(result.headers?.allow).toBe(allow);
  });
});
