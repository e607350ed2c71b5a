import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import { GENESIS_HASH, type AuditContext, type AuditEntry, type AuditEvent, type ChainHead, type PendingAuditEvent } from './audit-event';

/** SHA-256 (hex) of an event's canonical JSON, `hash` left out. */
export function hashAuditEvent(event: Omit<AuditEvent, 'hash'> | AuditEvent): string {
  const { hash: _hash, ...content } = event as AuditEvent;
  const canonical = canonicalize(content);
  if (canonical === undefined) throw new Error('An audit event must be JSON');
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** A pending event as the request writes it: what happened, who did it, when, under a new id. */
export function pendingAuditEvent(input: { tenantId: string; eventId: string; time: string; entry: AuditEntry; context: AuditContext }): PendingAuditEvent {
  return { tenantId: input.tenantId, eventId: input.eventId, time: input.time, ...input.entry, ...input.context };
}

/** Makes `pending` the next link after `head` (null for a tenant's first event). */
export function chainAuditEvent(head: ChainHead | null, pending: PendingAuditEvent): AuditEvent {
  const { tenantId, eventId, time, ...rest } = pendingPart(pending);
  const unsealed: Omit<AuditEvent, 'hash'> = { tenantId, seq: (head?.seq ?? 0) + 1, eventId, time, prevHash: head?.hash ?? GENESIS_HASH, ...rest };
  return { ...unsealed, hash: hashAuditEvent(unsealed) };
}

/** Makes the next link after `head` from an entry and its context (the pending event and its sequencing in one step). */
export function sealAuditEvent(
  head: ChainHead | null,
  input: { tenantId: string; eventId: string; time: string; entry: AuditEntry; context: AuditContext },
): AuditEvent {
  return chainAuditEvent(head, pendingAuditEvent(input));
}

/** The pending event inside a sequenced (or pending) one: everything but `seq`, `prevHash` and `hash`. */
export function pendingPart(event: PendingAuditEvent | AuditEvent): PendingAuditEvent {
  const { seq: _seq, prevHash: _prevHash, hash: _hash, ...pending } = event as AuditEvent;
  return pending;
}

/** Whether an event's hash matches its content. */
export function isAuditEventIntact(event: AuditEvent): boolean {
  return hashAuditEvent(event) === event.hash;
}
