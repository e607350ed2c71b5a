/**
 * What happened, as a use-case says it: no personal values, only what was touched. Changed fields
 * are named, never their values.
 */
export interface AuditEntry {
  action: AuditAction;
  /** The record acted on, by type and id (ids are opaque ULIDs, never personal data). */
  target: { type: string; id: string } | null;
  outcome: 'success' | 'denied' | 'failure';
  changedFields?: string[];
  /** Further records touched by one operation (a page of contacts read in clear, say). */
  targetIds?: string[];
  /** Small, non-personal facts (a permission name, a count, a role id). */
  details?: Record<string, string | number | boolean>;
}

export type AuditAction =
  | 'tenant.created'
  | 'tenant.keys_rotated'
  | 'tenant.offboarded'
  | 'tenant.restored'
  | 'auth.login'
  | 'auth.login_failed'
  | 'auth.invite_accepted'
  | 'auth.password_changed'
  | 'auth.password_change_failed'
  | 'auth.logout'
  | 'authz.denied'
  | 'contact.created'
  | 'contact.updated'
  | 'contact.deleted'
  | 'contact.pii_read'
  | 'contact.subject_exported'
  | 'contact.erased'
  | 'contact.merged'
  | 'contact.merge_undone'
  | 'contact.transaction_added'
  | 'contact.interaction_added'
  | 'contact.feedback_added'
  | 'contacts.exported'
  | 'company.created'
  | 'company.updated'
  | 'company.deleted'
  | 'company.pii_read'
  | 'field.created'
  | 'field.updated'
  | 'field.deleted'
  | 'role.created'
  | 'role.updated'
  | 'role.deleted'
  | 'user.invited'
  | 'user.updated'
  | 'user.deleted'
  | 'audit.exported'
  | 'behaviour.ingested'
  | 'ingest_key.created'
  | 'ingest_key.deleted'
  | 'import.created'
  | 'import.mapped'
  | 'import.started'
  | 'contacts.imported'
  | 'companies.imported'
  | 'transactions.imported'
  | 'webhook.created'
  | 'webhook.updated'
  | 'webhook.deleted'
  | 'webhook.secret_rotated'
  | 'segment.created'
  | 'segment.updated'
  | 'segment.deleted'
  | 'campaign.created'
  | 'campaign.updated'
  | 'campaign.launched'
  | 'campaign.deleted'
  | 'campaign.conversion_recorded'
  | 'pipeline.created'
  | 'pipeline.updated'
  | 'deal.created'
  | 'deal.updated'
  | 'deal.stage_changed'
  | 'deal.won'
  | 'deal.lost'
  | 'deal.deleted'
  | 'contact.converted'
  | 'sla.updated'
  | 'ticket.created'
  | 'ticket.updated'
  | 'ticket.replied'
  | 'ticket.resolved'
  | 'ticket.reopened'
  | 'ticket.pii_read'
  | 'survey.answered'
  | 'insights.recompute_requested'
  | 'insights.recomputed'
  | 'task.created'
  | 'task.updated'
  | 'task.completed'
  | 'task.deleted'
  | 'task.pii_read'
  | 'task.reminder_due';

/** Who did it and from where, taken from the verified request. */
export interface AuditContext {
  /** Null for what no user did (a failed login of an unknown user, a system job). */
  actor: { userId: string | null; role: string | null };
  requestId: string;
  sourceIp: string | null;
  userAgent: string | null;
}

/**
 * An audit event as the request writes it, in the same transaction as its change: no sequence
 * number and no hash yet, so the transaction holds no item shared with the tenant's other writes.
 * The integrator later makes it a link of the tenant's chain ({@link AuditEvent}).
 */
export interface PendingAuditEvent extends AuditEntry, AuditContext {
  tenantId: string;
  /** A ULID: unique, and ordered by the time it was made. */
  eventId: string;
  /** ISO 8601, UTC. */
  time: string;
}

/**
 * One link of a tenant's audit chain, as the integrator sequences it and the archive holds it.
 * `hash` is the SHA-256 of the event's canonical JSON (RFC 8785) without `hash`; `prevHash` is the
 * previous event's `hash`, so removing, changing, reordering or inserting an event breaks the chain.
 */
export interface AuditEvent extends PendingAuditEvent {
  /** 1, 2, 3, … per tenant, with no gaps, in the order the integrator took the events. */
  seq: number;
  prevHash: string;
  hash: string;
}

/** The `prevHash` of a tenant's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** Where a tenant's chain ends: the last event's sequence number and hash. */
export interface ChainHead {
  seq: number;
  hash: string;
}
