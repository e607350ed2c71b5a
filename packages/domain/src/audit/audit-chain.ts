import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import { GENESIS_HASH, type AuditContext, type AuditEntry, type AuditEvent, type ChainHead } from './audit-event';

/** SHA-256 (hex) of an event's canonical JSON, `hash` left out. */
export function hashAuditEvent(event: Omit<AuditEvent, 'hash'> | AuditEvent): string {
  const { hash: _hash, ...content } = event as AuditEvent;
  const canonical = canonicalize(content);
  if (canonical === undefined) throw new Error('An audit event must be JSON');
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** Makes the next link after `head` (null for a tenant's first event). */
export function sealAuditEvent(
  head: ChainHead | null,
  input: { tenantId: string; eventId: string; time: string; entry: AuditEntry; context: AuditContext },
): AuditEvent {
  const unsealed: Omit<AuditEvent, 'hash'> = {
    tenantId: input.tenantId,
    seq: (head?.seq ?? 0) + 1,
    eventId: input.eventId,
    time: input.time,
    prevHash: head?.hash ?? GENESIS_HASH,
    ...input.entry,
    ...input.context,
  };
  return { ...unsealed, hash: hashAuditEvent(unsealed) };
}

/** Whether an event's hash matches its content. */
export function isAuditEventIntact(event: AuditEvent): boolean {
  return hashAuditEvent(event) === event.hash;
}
