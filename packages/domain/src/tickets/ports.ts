import type { Audited } from '../access/ports';
import type { Page } from '../contacts/ports';
import type { Feedback } from '../customers/customer-record';
import type { SlaPolicy, Ticket, TicketPriority, TicketReply, TicketStatus } from './ticket';

/** A satisfaction survey asked of a ticket's contact: the token's hash, never the token. */
export interface SurveyRequest {
  tokenHash: string;
  ticketId: string;
  contactId: string;
  createdAt: string;
  validUntil: string;
  usedAt?: string;
}

export interface TicketFilter {
  status?: TicketStatus;
  priority?: TicketPriority;
  assigneeId?: string;
  contactId?: string;
}

/** What a ticket write carries besides the ticket itself, in the same transaction. */
export interface TicketWriteExtras {
  reply?: TicketReply;
  survey?: SurveyRequest;
  /** Marks the complaint the ticket was opened for closed (when it is still there). */
  closeComplaint?: boolean;
}

/**
 * Tickets, their replies, the SLA policy and survey requests of one tenant (personal fields as
 * given: encrypted), bound to the tenant when created. Every write carries its audit event, and
 * keeps the ticket's snapshot in its contact's partition (the 360 view's) in the same transaction.
 */
export interface TicketRepository {
  getPolicy(): Promise<SlaPolicy | null>;
  putPolicy(policy: SlaPolicy, audit: Audited): Promise<void>;
  /**
   * Writes a new ticket, on the condition that its contact (if any) still exists; with `complaint`,
   * the complaint's feedback record too. Throws NotFoundError for a missing contact.
   */
  create(ticket: Ticket, audit: Audited, complaint?: Feedback): Promise<void>;
  get(id: string): Promise<Ticket | null>;
  /** Writes `next` if the stored ticket is still at `previous.version`. Throws NotFoundError / VersionConflictError. */
  replace(next: Ticket, previous: Ticket, audit: Audited, extras?: TicketWriteExtras): Promise<void>;
  /** In creation order, `limit` at most, after `afterId`, matching `filter`. */
  list(filter: TicketFilter, options: { limit: number; afterId?: string }): Promise<Page<Ticket>>;
  /**
   * Active tickets whose watched due time (see `watchedDueAt`) is before `now`, earliest first:
   * one Query of the due-time index, never a scan. `afterId` is the cursor this listing returned.
   */
  listOverdue(now: string, options: { limit: number; afterId?: string }): Promise<Page<Ticket>>;
  getSurvey(tokenHash: string): Promise<SurveyRequest | null>;
  /**
   * Marks the survey used (once: a second answer fails), adds the CSAT feedback to the contact
   * (which must still exist) and writes the rated ticket, in one transaction.
   * Throws SurveyGoneError when the survey was used meanwhile or the contact is gone.
   */
  answerSurvey(survey: SurveyRequest, feedback: Feedback, next: Ticket, previous: Ticket, audit: Audited): Promise<void>;
}
