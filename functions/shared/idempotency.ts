import { DynamoIdempotencyStore, type AnswerCipher, type TableOptions } from '@rapport/data';
import { createIdempotentWrites, type HttpRuntime } from '@rapport/http';

/**
 * The HTTP runtime of an idempotent route's handler: the area's, plus the idempotency store on
 * the table. Only those handlers import this file, so only their bundles hold Powertools'
 * idempotency utility and its JMESPath engine; `createHttpHandler` refuses one without the other.
 * Routes whose answers hold personal fields use `sealedIdempotentRuntime` (`./sealed-idempotency`).
 */
export function idempotentRuntime(runtime: HttpRuntime & { table: TableOptions }, answerCipherFor?: (tenantId: string) => AnswerCipher): HttpRuntime {
  const { logger, tracer, authenticate, recordDenial, authenticateIngestKey, rateLimit, table } = runtime;
  const store = new DynamoIdempotencyStore({ client: table.client, tableName: table.tableName, ...(answerCipherFor ? { answerCipherFor } : {}) });
  return {
    logger,
    authenticate,
    ...(tracer ? { tracer } : {}),
    ...(recordDenial ? { recordDenial } : {}),
    ...(authenticateIngestKey ? { authenticateIngestKey } : {}),
    ...(rateLimit ? { rateLimit } : {}),
    idempotency: createIdempotentWrites(store),
  };
}
