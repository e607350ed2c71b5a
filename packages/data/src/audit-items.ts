import type { AuditEvent, PendingAuditEvent } from '@rapport/domain';
import { recordOf } from './items';
import { AUDIT_EVENT_ENTITY, keys } from './keys';

/** Recent events stay queryable in the table this long; the S3 archive keeps them for good. */
export const AUDIT_DAYS_IN_TABLE = 90;

/** An audit event as the table holds it: pending until the integrator gives it its seq and hash. */
export type StoredAuditEvent = PendingAuditEvent | AuditEvent;

/**
 * The table item of an audit event, keyed by its id: its keys, the stream filter's `entity`, and a
 * TTL. The request writes the pending event; the integrator rewrites the same item sequenced.
 */
export function auditEventItem(event: StoredAuditEvent): Record<string, unknown> {
  const expiresAt = Math.floor(Date.parse(event.time) / 1000) + AUDIT_DAYS_IN_TABLE * 86_400;
  return { ...keys.auditEvent(event.tenantId, event.eventId), entity: AUDIT_EVENT_ENTITY, ...event, expiresAt };
}

/** The event stored in an item (an unmarshalled stream image or a query result). */
export function auditEventOf(item: Record<string, unknown>): StoredAuditEvent {
  return recordOf<StoredAuditEvent>(item);
}

/** Whether the integrator has sequenced the event (given it its seq, prevHash and hash). */
export function isIntegrated(event: StoredAuditEvent): event is AuditEvent {
  return typeof (event as AuditEvent).seq === 'number';
}
