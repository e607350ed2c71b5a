import type { Audited } from '../access/ports';
import type { ContactCollection } from '../customers/ports';
import type { CampaignConversion } from '../marketing/campaign';
import type { Task } from '../tasks/task';
import type { Ticket, TicketReply } from '../tickets/ticket';

/**
 * Everything the workspace holds about one person, as stored (personal fields encrypted): their
 * contact partition (profile, company link, orders, interactions, feedback, behaviour days, deal
 * and ticket snapshots, scores), the tickets and tasks naming them, their campaign memberships,
 * and references to the audit events about them.
 */
export interface SubjectHoldings {
  collection: ContactCollection & { profile: NonNullable<ContactCollection['profile']> };
  tickets: { ticket: Ticket; replies: TicketReply[] }[];
  tasks: Task[];
  /** Campaigns whose launched audience holds the person, or that recorded a conversion of theirs. */
  campaigns: { campaignId: string; inAudience: boolean; conversion: CampaignConversion | null }[];
  /**
   * Audit events naming the person or one of their records, by id, time and action only (an event
   * holds no personal value anyway). Those still in the table: the last 90 days; older events are
   * in the write-once archive, found there by the same ids.
   */
  auditReferences: { eventId: string; time: string; action: string }[];
}

/** The kinds an erasure removes, each counted in its receipt. */
export const ERASED_KINDS = [
  'contacts',
  'lookups',
  'companyLinks',
  'transactions',
  'interactions',
  'feedback',
  'behaviourDays',
  'behaviourEvents',
  'deals',
  'tickets',
  'ticketReplies',
  'tasks',
  'scores',
  'campaignAudiences',
  'campaignConversions',
  'surveyRequests',
  'importRowClaims',
  'importSeenValues',
] as const;
export type ErasedKind = (typeof ERASED_KINDS)[number];
export type ErasedCounts = Record<ErasedKind, number>;

/**
 * One tenant's data about a person, bound to the tenant when created. The store knows where each
 * kind is kept; the service decides what is shown and audited.
 */
export interface DataSubjectStore {
  /** Null when there is no such contact. */
  holdings(contactId: string): Promise<SubjectHoldings | null>;
  /**
   * Erases the person: every record of theirs deleted, their blind-index lookups with their
   * profile, their id taken out of campaign audiences. The profile goes last, in one transaction
   * with its partition and the audit event `audit(counts)` builds, so a failure before it leaves
   * the person findable and a repeated call finishes the work. Throws NotFoundError when there is
   * no such contact (so also once erased).
   */
  erase(contactId: string, audit: (counts: ErasedCounts) => Audited): Promise<ErasedCounts>;
}
