import type { MiddlewareObj } from '@middy/core';
import type { RateLimiter, RateLimitState, RateSubject } from '@rapport/domain';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { RequestContext } from '../context';
import { RateLimitedError } from '../errors';

/** The IETF draft's RateLimit-* headers (draft-ietf-httpapi-ratelimit-headers-07) for a state of the limits. */
export const rateLimitHeaders = (state: RateLimitState): Record<string, string> => ({
  'ratelimit-limit': String(state.limit),
  'ratelimit-remaining': String(state.remaining),
  'ratelimit-reset': String(state.resetSeconds),
  'ratelimit-policy': state.policy,
});

/**
 * Counts the request against its workspace's rate limits (or its ingest key's) right after
 * authentication, the only source of the tenant, and before anything else: a refused request
 * answers 429 and writes nothing but its count. An allowed one carries the RateLimit-* headers.
 */
export function rateLimit(limiter: RateLimiter): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult, Error, RequestContext> {
  const states = new WeakMap<object, RateLimitState>();
  return {
    name: 'rate-limit',
    before: async (request) => {
      const { auth, ingestKey } = request.context;
      const subject: RateSubject | undefined = ingestKey
        ? { tenantId: ingestKey.tenantId, kind: 'ingest-key', keyId: ingestKey.id }
        : auth
          ? { tenantId: auth.tenantId, kind: 'workspace' }
          : undefined;
      if (!subject) throw new Error('rate-limit runs after authentication');
      const state = await limiter(subject);
      if (!state.allowed) throw new RateLimitedError(state, rateLimitHeaders(state));
      states.set(request, state);
    },
    after: (request) => {
      const state = states.get(request);
      if (state && request.response) request.response.headers = { ...request.response.headers, ...rateLimitHeaders(state) };
    },
  };
}
