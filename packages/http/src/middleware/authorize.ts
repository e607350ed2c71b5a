import type { MiddlewareObj } from '@middy/core';
import { ForbiddenError, type Actor, type Permission } from '@rapport/domain';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { RequestContext } from '../context';
import { requestMetaOf } from '../request-meta';

/** Audits a refusal; a failure to audit it must not turn the 403 into a 500, so it is the caller's to log. */
export type RecordDenial = (actor: Actor, permission: Permission, routeId: string) => Promise<void>;

/**
 * Refuses a caller whose role lacks the route's permission, naming it, and audits the refusal.
 * The permissions are the role's current ones (read with the membership on every request).
 */
export function authorize(
  permission: Permission,
  routeId: string,
  recordDenial?: RecordDenial,
): MiddlewareObj<APIGatewayProxyEvent, unknown, Error, RequestContext> {
  return {
    name: 'authorize',
    before: async (request) => {
      const auth = request.context.auth;
      if (auth?.permissions.includes(permission)) return;
      if (auth && recordDenial) {
        const requestId = request.context.requestId ?? request.context.awsRequestId;
        await recordDenial({ auth, request: requestMetaOf(request.event, requestId) }, permission, routeId);
      }
      throw new ForbiddenError(permission);
    },
  };
}
