import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { RequestContext } from '../context';
import { ValidationError } from '../errors';
import type { HttpResponse } from '../responses';

/** The request header a client names a write with, so that a retry of it writes once. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
/** 1–255 printable ASCII characters: room for a UUID, a ULID or the client's own order number. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x20-\x7E]{1,255}$/;

/** What a request sent with a key is remembered by (see `@rapport/data`'s idempotency store). */
export interface IdempotentRequest {
  tenantId: string;
  /** Caller, route and key: the same key from another user or on another route is another request. */
  scope: readonly string[];
  /** The input a retry must repeat: the JSON body and the path parameters. */
  payload: { body: unknown; params: Record<string, string | undefined> };
}

/**
 * Answers an idempotent route's requests: once per key, a retry getting the first answer; without
 * a key the action simply runs. Built by `createIdempotentWrites` and given only to the handlers of
 * idempotent routes (through their runtime), so no other handler's bundle holds Powertools'
 * idempotency utility. Runs after authentication, so the tenant and the caller scope the key.
 */
export interface IdempotentWrites {
  /** Whether kept answers are encrypted under the tenant's data key (required where the route's answers hold personal fields). */
  readonly sealsAnswers: boolean;
  answer(routeId: string, event: APIGatewayProxyEvent, context: RequestContext, action: () => Promise<HttpResponse>): Promise<HttpResponse>;
}

/** The request's key, if it sent one; a malformed one is a 400 naming the header. */
export function idempotencyKeyOf(headers: APIGatewayProxyEvent['headers'] | null): string | undefined {
  const key = headers?.[IDEMPOTENCY_KEY_HEADER.toLowerCase()];
  if (key === undefined) return undefined;
  if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
    throw new ValidationError([{ field: IDEMPOTENCY_KEY_HEADER, message: 'must be 1 to 255 printable ASCII characters' }]);
  }
  return key;
}
