import type { MiddlewareObj } from '@middy/core';
import type { IngestKey } from '@rapport/domain';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { RequestContext } from '../context';
import { UnauthenticatedError } from '../errors';

/** Finds the ingest key a secret belongs to; throws for one that is unknown or revoked. */
export type AuthenticateIngestKey = (secret: string) => Promise<IngestKey>;

/**
 * Requires a workspace's ingest key in `x-ingest-key` and puts it on the context: the key is the
 * only source of the tenant for behaviour events. Runs after http-header-normalizer.
 */
export function authenticateIngestKey(resolve: AuthenticateIngestKey): MiddlewareObj<APIGatewayProxyEvent, unknown, Error, RequestContext> {
  return {
    name: 'authenticate-ingest-key',
    before: async (request) => {
      const secret = request.event.headers?.['x-ingest-key']?.trim();
      if (!secret || secret.length > 200) {
        throw new UnauthenticatedError('A valid ingest key is required: send it as "x-ingest-key: <key>"');
      }
      request.context.ingestKey = await resolve(secret);
    },
  };
}
