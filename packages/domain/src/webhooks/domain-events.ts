import type { AuditAction, PendingAuditEvent } from '../audit/audit-event';

/**
 * Which audit actions are published to the outside as domain events, and under what type. Exhaustive
 * over {@link AuditAction}, so a new action does not compile until someone decides whether it leaves
 * the product. Internal facts (logins, refusals, reads of personal data, exports, key rotation,
 * role and user administration, webhook administration itself) stay inside: `null`.
 */
export const DOMAIN_EVENT_OF_ACTION = {
  'tenant.created': null,
  'tenant.keys_rotated': null,
  'tenant.offboarded': null,
  // An operator's rollback of the workspace, not one record's change: subscribers that mirror
  // records are told by the workspace's owner, who asked for it (docs/operations.md).
  'tenant.restored': null,
  'auth.login': null,
  'auth.login_failed': null,
  'auth.invite_accepted': null,
  'auth.password_changed': null,
  'auth.password_change_failed': null,
  'auth.logout': null,
  'authz.denied': null,
  'contact.created': 'contact.created',
  'contact.updated': 'contact.updated',
  'contact.deleted': 'contact.deleted',
  'contact.pii_read': null,
  // A person's copy is a read; their erasure removes the contact, so systems kept in sync learn it as a deletion.
  'contact.subject_exported': null,
  'contact.erased': 'contact.deleted',
  'contact.transaction_added': 'contact.transaction_added',
  'contact.interaction_added': 'contact.interaction_added',
  'contact.feedback_added': 'contact.feedback_added',
  'contacts.exported': null,
  'company.created': 'company.created',
  'company.updated': 'company.updated',
  'company.deleted': 'company.deleted',
  'role.created': null,
  'role.updated': null,
  'role.deleted': null,
  'user.invited': null,
  'user.updated': null,
  'user.deleted': null,
  'audit.exported': null,
  'behaviour.ingested': null,
  'ingest_key.created': null,
  'ingest_key.deleted': null,
  'webhook.created': null,
  'webhook.updated': null,
  'webhook.deleted': null,
  'webhook.secret_rotated': null,
  'field.created': null,
  'field.updated': null,
  'field.deleted': null,
  'company.pii_read': null,
  // A merge removes the source contact: systems kept in sync must learn it (recordId names the source).
  'contact.merged': 'contact.merged',
  'contact.merge_undone': 'contact.merge_undone',
  'import.created': null,
  'import.mapped': null,
  'import.started': null,
  // One event per imported batch, naming the records it created (recordIds), not one per row.
  'contacts.imported': 'contacts.imported',
  'companies.imported': 'companies.imported',
  'transactions.imported': 'transactions.imported',
  // Segments are saved queries, internal to the workspace; campaigns and their conversions leave the product.
  'segment.created': null,
  'segment.updated': null,
  'segment.deleted': null,
  'campaign.created': 'campaign.created',
  'campaign.updated': 'campaign.updated',
  'campaign.launched': 'campaign.launched',
  'campaign.deleted': 'campaign.deleted',
  // recordId names the contact that converted.
  'campaign.conversion_recorded': 'campaign.conversion_recorded',
  // Pipelines are configuration, like custom fields; deals are business facts systems keep in sync.
  'pipeline.created': null,
  'pipeline.updated': null,
  'deal.created': 'deal.created',
  'deal.updated': 'deal.updated',
  'deal.stage_changed': 'deal.stage_changed',
  'deal.won': 'deal.won',
  'deal.lost': 'deal.lost',
  'deal.deleted': 'deal.deleted',
  // On the contact, naming the deal it created (recordId).
  'contact.converted': 'contact.converted',
  'sla.updated': null,
  'ticket.created': 'ticket.created',
  'ticket.updated': 'ticket.updated',
  'ticket.replied': 'ticket.replied',
  'ticket.resolved': 'ticket.resolved',
  'ticket.reopened': 'ticket.reopened',
  'ticket.pii_read': null,
  // The rating reaches other systems as the ticket's satisfaction and the contact's CSAT feedback.
  'survey.answered': 'survey.answered',
  // Derived data, recomputed daily for every customer: not a change a subscriber could act on.
  'insights.recompute_requested': null,
  'insights.recomputed': null,
  // Tasks leave the product so calendars and assistants can follow them; reading notes stays inside.
  'task.created': 'task.created',
  'task.updated': 'task.updated',
  'task.completed': 'task.completed',
  'task.deleted': 'task.deleted',
  'task.pii_read': null,
  // The reminder: once per due time of an open task.
  'task.reminder_due': 'task.due',
} as const satisfies Record<AuditAction, string | null>;

/** The public event types a webhook can subscribe to. */
export type DomainEventType = NonNullable<(typeof DOMAIN_EVENT_OF_ACTION)[AuditAction]>;

/** What a webhook subscription listens to: named event types, or `*` for every one. */
export type WebhookEventFilter = DomainEventType | '*';

export const DOMAIN_EVENT_TYPES = [...new Set(Object.values(DOMAIN_EVENT_OF_ACTION).filter((type) => type !== null))] as DomainEventType[];

/** The audit actions that become domain events (the stream filter of the publisher matches on them). */
export const PUBLISHED_ACTIONS = (Object.keys(DOMAIN_EVENT_OF_ACTION) as AuditAction[]).filter((action) => DOMAIN_EVENT_OF_ACTION[action] !== null);

/**
 * What leaves the product: a thin notification naming the record and the fields that changed,
 * never their values, so a receiver that needs the data reads it through the API with its own
 * permissions. `id` is stable for one change (derived from its audit event), so a receiver can
 * drop a delivery it has seen.
 */
export interface DomainEvent {
  id: string;
  type: DomainEventType;
  tenantId: string;
  /** ISO 8601, UTC: when the change was made. */
  occurredAt: string;
  data: {
    /** The contact, company or task changed. */
    id: string;
    changedFields: string[];
    /** The order, interaction or feedback added to a contact; the contact merged into it, or restored. */
    recordId?: string;
    /** The records an imported batch created (`*.imported`; `id` is then the import's). */
    recordIds?: string[];
  };
}

/**
 * The ping a webhook's owner sends to check the receiver (`POST /v1/webhooks/{id}/test`): signed and
 * logged like any delivery, but no change of any record, so nobody subscribes to it.
 */
export const TEST_EVENT_TYPE = 'webhook.test';

/** A test ping: `data.id` names the webhook, nothing changed. */
export interface TestEvent extends Omit<DomainEvent, 'type'> {
  type: typeof TEST_EVENT_TYPE;
}

/** What a delivery carries: a domain event, or a test ping. */
export type DeliveredEvent = DomainEvent | TestEvent;

const BATCH_TYPES: ReadonlySet<DomainEventType> = new Set(['contacts.imported', 'companies.imported', 'transactions.imported']);

/** The domain event an audit event announces, or null when it announces none (internal, refused or failed). */
export function domainEventOf(event: PendingAuditEvent): DomainEvent | null {
  const type = (DOMAIN_EVENT_OF_ACTION as Record<string, DomainEventType | null>)[event.action] ?? null;
  if (type === null || event.outcome !== 'success' || event.target === null) return null;
  const batch = BATCH_TYPES.has(type);
  const recordId = !batch && event.targetIds?.length === 1 ? event.targetIds[0] : undefined;
  return {
    id: `evt_${event.eventId}`,
    type,
    tenantId: event.tenantId,
    occurredAt: event.time,
    data: {
      id: event.target.id,
      changedFields: [...(event.changedFields ?? [])],
      ...(recordId ? { recordId } : {}),
      ...(batch ? { recordIds: [...(event.targetIds ?? [])] } : {}),
    },
  };
}
