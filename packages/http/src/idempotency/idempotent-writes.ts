import type { JSONValue } from '@aws-lambda-powertools/commons/types';
import { IdempotencyAlreadyInProgressError, IdempotencyConfig, IdempotencyValidationError, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import type { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import type { RequestContext } from '../context';
import { HttpError } from '../errors';
import type { HttpResponse } from '../responses';
import { IDEMPOTENCY_KEY_HEADER, idempotencyKeyOf, type IdempotentRequest, type IdempotentWrites } from './idempotency-key';

/** How long a key is remembered: a day covers a client's retries, even after an outage. */
export const IDEMPOTENCY_KEY_TTL_SECONDS = 24 * 60 * 60;
/** Sent with an answer given again to a retry, so a client can tell. */
export const IDEMPOTENT_REPLAY_HEADER = 'idempotent-replayed';

/** The answer as kept: its body already serialised, so the item holds JSON text, not the domain's values. */
interface KeptAnswer {
  statusCode: number;
  headers: Record<string, string>;
  rawBody?: string;
}

/** A refusal the action answered with: not kept, so the client may fix the request and retry with the same key. */
class AnswerNotKept extends Error {
  constructor(readonly response: HttpResponse) {
    super('A failed answer is not kept');
    this.name = 'AnswerNotKept';
  }
}

/**
 * Runs a write once per key with Powertools' idempotency utility on `store` (the tenant-led
 * records of `@rapport/data`): the first request takes the key (in progress), runs, and keeps its
 * answer for a day; a retry gets that answer; the same key with another body or path is a 422; a
 * retry while the first still runs is a 409. A failed first request (thrown, or a 4xx/5xx answer)
 * lets the key go.
 */
export function createIdempotentWrites(store: BasePersistenceLayer & { readonly sealsAnswers?: boolean }): IdempotentWrites {
  const config = new IdempotencyConfig({
    payloadValidationJmesPath: 'payload',
    expiresAfterSeconds: IDEMPOTENCY_KEY_TTL_SECONDS,
    hashFunction: 'sha256',
    responseHook: (response) => {
      const kept = response as unknown as KeptAnswer;
      return { ...kept, headers: { ...kept.headers, [IDEMPOTENT_REPLAY_HEADER]: 'true' } } as unknown as JSONValue;
    },
  });
  // The context as second argument: Powertools takes the time left from it, so a key held by an
  // invocation that timed out is free again once that invocation is over.
  const once = makeIdempotent(
    async (_request: IdempotentRequest, _context: RequestContext, action: () => Promise<HttpResponse>): Promise<JSONValue> => {
      const response = await action();
      if (response.statusCode >= 400) throw new AnswerNotKept(response);
      return keep(response) as unknown as JSONValue;
    },
    { persistenceStore: store, config },
  );

  return {
    sealsAnswers: store.sealsAnswers === true,
    async answer(routeId, event, context, action) {
      const key = idempotencyKeyOf(event.headers);
      if (key === undefined || !context.auth) return action();
      const { tenantId, userId } = context.auth;
      const request: IdempotentRequest = {
        tenantId,
        scope: [userId, routeId, key],
        payload: { body: (event.body as unknown) ?? null, params: event.pathParameters ?? {} },
      };
      try {
        return (await once(request, context, action)) as unknown as KeptAnswer;
      } catch (error) {
        if (error instanceof AnswerNotKept) return error.response;
        if (error instanceof IdempotencyValidationError) {
          throw new HttpError(
            'IDEMPOTENCY_KEY_REUSED',
            `This ${IDEMPOTENCY_KEY_HEADER} was already used for a request with another body or path: send a new key for a new request`,
            { details: { header: IDEMPOTENCY_KEY_HEADER } },
          );
        }
        if (error instanceof IdempotencyAlreadyInProgressError) {
          throw new HttpError(
            'IDEMPOTENCY_KEY_IN_PROGRESS',
            `A request with this ${IDEMPOTENCY_KEY_HEADER} is still in progress: retry later to get its answer`,
            { details: { header: IDEMPOTENCY_KEY_HEADER } },
          );
        }
        throw error;
      }
    },
  };
}

function keep(response: HttpResponse): KeptAnswer {
  const rawBody = response.rawBody ?? (response.body === undefined ? undefined : JSON.stringify(response.body));
  return { statusCode: response.statusCode, headers: response.headers ?? {}, ...(rawBody === undefined ? {} : { rawBody }) };
}
