import type { AuditEvent } from '@rapport/domain';
import { recordOf } from './items';
import { AUDIT_EVENT_ENTITY, keys } from './keys';

/** Recent events stay queryable in the table this long; the S3 archive keeps them for good. */
export const AUDIT_DAYS_IN_TABLE = 90;

/** The table item of an audit event: its keys, the stream filter's `entity`, and a TTL. */
export function auditEventItem(event: AuditEvent): Record<string, unknown> {
  const expiresAt = Math.floor(Date.parse(event.time) / 1000) + AUDIT_DAYS_IN_TABLE * 86_400;
  return { ...keys.auditEvent(event.tenantId, event.seq), entity: AUDIT_EVENT_ENTITY, ...event, expiresAt };
}

/** The event stored in an item (an unmarshalled stream image or a query result). */
export function auditEventOf(item: Record<string, unknown>): AuditEvent {
  return recordOf<AuditEvent>(item);
}
