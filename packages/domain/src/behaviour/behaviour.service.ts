import { createHash } from 'node:crypto';
import type { AuditLog } from '../audit/audit-log';
import type { FieldCipher } from '../privacy/field-cipher';
import type { RequestMeta } from '../shared/auth-context';
import type { Clock } from '../shared/clock';
import type { BehaviourBatch, BehaviourEventInput } from './behaviour.schema';
import type { BehaviourRepository, IngestKey, StoredBehaviourEvent } from './ports';

export interface BehaviourServiceDeps {
  behaviour: BehaviourRepository;
  cipher: FieldCipher;
  auditLog: AuditLog;
  clock: Clock;
}

export interface IngestResult {
  /** Events stored and counted now. */
  accepted: number;
  /** Events sent before (same id), counted once already. */
  duplicates: number;
  /** Events whose customer is not a contact of this workspace. */
  unmatched: number;
}

/**
 * Takes a batch of behaviour events presented with an ingest key. Events of unknown customers
 * are counted, not stored; each known event is stored once and added to its customer's day.
 * The batch is audited as one event: its events are telemetry, not changes to customer records.
 */
export function createBehaviourService(deps: BehaviourServiceDeps, key: IngestKey, request: RequestMeta) {
  return {
    async ingest(batch: BehaviourBatch): Promise<IngestResult> {
      const now = deps.clock.now();
      const byEmail = new Map<string, string | null>();
      for (const event of batch.events) {
        if (event.contactId === undefined && event.email !== undefined && !byEmail.has(event.email)) {
          const [contactId] = await deps.behaviour.contactsByEmailIndex(await deps.cipher.blindIndex('email', event.email));
          byEmail.set(event.email, contactId ?? null);
        }
      }
      const named = batch.events.map((event) => ({ event, contactId: event.contactId ?? byEmail.get(event.email!) ?? null }));
      const existing = await deps.behaviour.existingContacts([...new Set(named.flatMap(({ contactId }) => (contactId ? [contactId] : [])))]);
      const known = named.filter((entry): entry is { event: BehaviourEventInput; contactId: string } => entry.contactId !== null && existing.has(entry.contactId));
      const stored = known.map(({ event, contactId }) => toStored(event, contactId, now));
      const accepted = stored.length > 0 ? await deps.behaviour.record(stored) : 0;
      const result = { accepted, duplicates: stored.length - accepted, unmatched: batch.events.length - known.length };
      await deps.auditLog.record(key.tenantId, {
        context: { actor: { userId: null, role: null }, ...request },
        entry: { action: 'behaviour.ingested', target: { type: 'ingest-key', id: key.id }, outcome: 'success', details: { ...result } },
      });
      return result;
    },
  };
}

function toStored(event: BehaviourEventInput, contactId: string, now: Date): StoredBehaviourEvent {
  const occurredAt = event.occurredAt ? new Date(event.occurredAt).toISOString() : now.toISOString();
  // Without the sender's id, the event's own content names it, so a resent batch still counts once.
  const eventId = event.id ?? createHash('sha256').update(JSON.stringify([contactId, event.type, event.url ?? '', occurredAt, event.durationSeconds ?? 0])).digest('base64url').slice(0, 32);
  return {
    eventId,
    contactId,
    type: event.type,
    day: occurredAt.slice(0, 10),
    occurredAt,
    ...(event.url ? { url: event.url } : {}),
    ...(event.durationSeconds !== undefined ? { durationSeconds: event.durationSeconds } : {}),
  };
}

export type BehaviourService = ReturnType<typeof createBehaviourService>;
