import type { Logger } from '@aws-lambda-powertools/logger';
import type { MiddlewareObj } from '@middy/core';
import type { AuthContext } from '@rapport/domain';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { RequestContext } from '../context';
import { UnauthenticatedError } from '../errors';

/** Turns a bearer token into the caller; throws for a token that is not acceptable. */
export type Authenticate = (token: string) => Promise<AuthContext>;

const BEARER = /^Bearer\s+([A-Za-z0-9._~+/-]+=*)\s*$/i;

/** The bearer token of a request's (normalised) headers, if it has a well-formed one. */
export const bearerTokenOf = (headers: Record<string, string | undefined> | null | undefined): string | undefined => {
  const header = headers?.authorization;
  return header ? BEARER.exec(header)?.[1] : undefined;
};

/**
 * Requires a valid access token and puts the caller (tenant, user, role) on the context. The
 * tenant comes from here only. Runs after http-header-normalizer, so header names are lower-case.
 */
export function authenticate(
  resolve: Authenticate,
  logger: Logger,
): MiddlewareObj<APIGatewayProxyEvent, unknown, Error, RequestContext> {
  return {
    name: 'authenticate',
    before: async (request) => {
      const token = bearerTokenOf(request.event.headers);
      if (!token) throw new UnauthenticatedError();
      const auth = await resolve(token);
      request.context.auth = auth;
      logger.appendKeys({ tenantId: auth.tenantId, userId: auth.userId });
    },
  };
}
