import { DynamoIdempotencyStore, type TableOptions } from '@rapport/data';
import { createIdempotentWrites, type HttpRuntime } from '@rapport/http';

/**
 * The HTTP runtime of an idempotent route's handler: the area's, plus the idempotency store on
 * the table. Only those handlers import this file, so only their bundles hold Powertools'
 * idempotency utility and its JMESPath engine; `createHttpHandler` refuses one without the other.
 */
export function idempotentRuntime(runtime: HttpRuntime & { table: TableOptions }): HttpRuntime {
  const { logger, tracer, authenticate, recordDenial, authenticateIngestKey, table } = runtime;
  return {
    logger,
    authenticate,
    ...(tracer ? { tracer } : {}),
    ...(recordDenial ? { recordDenial } : {}),
    ...(authenticateIngestKey ? { authenticateIngestKey } : {}),
    idempotency: createIdempotentWrites(new DynamoIdempotencyStore({ client: table.client, tableName: table.tableName })),
  };
}
