import type { Actor } from '../shared/auth-context';
import type { AuditContext } from './audit-event';

/** The audit context of a verified caller's request. */
export function auditContextOf(actor: Actor): AuditContext {
  return {
    actor: { userId: actor.auth.userId, role: actor.auth.role },
    requestId: actor.request.requestId,
    sourceIp: actor.request.sourceIp,
    userAgent: actor.request.userAgent,
  };
}
