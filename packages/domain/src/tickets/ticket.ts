/**
 * A service ticket and its SLA state. Targets are calendar minutes (business hours and holidays are
 * out of scope): a ticket's due times are fixed from the tenant's policy when it is created, and
 * again from its creation time when its priority changes. A breach is a response or resolution
 * that came after its due time, or one still missing once the due time has passed; an active
 * ticket's flags are computed on read, and stored whenever its state changes, so the item holds the
 * final values once it is resolved (what analytics reads from the stream).
 */

export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];
export const TICKET_STATUSES = ['open', 'pending', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export interface SlaTarget {
  firstResponseMinutes: number;
  resolutionMinutes: number;
}
export type SlaTargets = Record<TicketPriority, SlaTarget>;

/** A tenant's SLA policy; version 0 is the default a tenant has before setting its own. */
export interface SlaPolicy {
  targets: SlaTargets;
  /** Always calendar time: business hours are not modelled. */
  calendar: 'calendar';
  updatedAt: string | null;
  version: number;
}

export const DEFAULT_SLA_TARGETS: SlaTargets = {
  urgent: { firstResponseMinutes: 60, resolutionMinutes: 240 },
  high: { firstResponseMinutes: 240, resolutionMinutes: 1440 },
  normal: { firstResponseMinutes: 480, resolutionMinutes: 2880 },
  low: { firstResponseMinutes: 1440, resolutionMinutes: 7200 },
};

export const defaultSlaPolicy = (): SlaPolicy => ({ targets: DEFAULT_SLA_TARGETS, calendar: 'calendar', updatedAt: null, version: 0 });

/** The satisfaction survey asked for when the ticket was resolved. */
export interface TicketSurvey {
  requestedAt: string;
  validUntil: string;
  /** `email`: a link was mailed to the contact; `none`: the contact has no email, nothing was sent. */
  delivery: 'email' | 'none';
}

export interface Ticket {
  id: string;
  /** Personal data: encrypted at rest, masked without `pii:read`. */
  subject: string;
  /** Personal data: encrypted at rest, masked without `pii:read`. */
  description?: string;
  contactId?: string;
  priority: TicketPriority;
  status: TicketStatus;
  assigneeId?: string;
  channel?: string;
  /** The contact's region when the ticket was created. */
  region?: string;
  /** The complaint (feedback record) this ticket was opened for. */
  feedbackId?: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  firstResponseAt?: string;
  resolvedAt?: string;
  closedAt?: string;
  firstResponseDueAt: string;
  resolutionDueAt: string;
  firstResponseBreached: boolean;
  resolutionBreached: boolean;
  survey?: TicketSurvey;
  satisfaction?: { score: number; answeredAt: string; feedbackId: string };
  version: number;
}

/** An agent's answer on a ticket. */
export interface TicketReply {
  id: string;
  ticketId: string;
  /** Personal data: encrypted at rest, masked without `pii:read`. */
  body: string;
  authorId: string;
  createdAt: string;
}

const MINUTE_MS = 60_000;
const plusMinutes = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * MINUTE_MS).toISOString();

/** Due times of a ticket created at `createdAt` with `priority`, under `targets`. */
export function dueTimes(targets: SlaTargets, priority: TicketPriority, createdAt: string) {
  const target = targets[priority];
  return { firstResponseDueAt: plusMinutes(createdAt, target.firstResponseMinutes), resolutionDueAt: plusMinutes(createdAt, target.resolutionMinutes) };
}

export const isActive = (ticket: Pick<Ticket, 'status'>) => ticket.status === 'open' || ticket.status === 'pending';

/** Late if done after its due time, or not done and the due time has passed (ISO strings of one format compare in time order). */
const late = (doneAt: string | undefined, dueAt: string, now: string) => (doneAt ?? now) > dueAt;

/**
 * The ticket with its breach flags as of `now`. A resolved or closed ticket's flags were fixed when
 * it was resolved, so they are kept as stored.
 */
export function withBreaches(ticket: Ticket, now: Date): Ticket {
  if (!isActive(ticket)) return ticket;
  const at = now.toISOString();
  return {
    ...ticket,
    firstResponseBreached: late(ticket.firstResponseAt, ticket.firstResponseDueAt, at),
    resolutionBreached: late(ticket.resolvedAt, ticket.resolutionDueAt, at),
  };
}

/**
 * The due time the breached listing watches for an active ticket: the first response's while it is
 * missing or was late (so a late answer keeps the ticket listed), else the resolution's.
 */
export function watchedDueAt(ticket: Ticket): string {
  return ticket.firstResponseAt && !ticket.firstResponseBreached ? ticket.resolutionDueAt : ticket.firstResponseDueAt;
}

/** Status changes a ticket may make; anything else is refused naming the transition. */
const TRANSITIONS: Record<TicketStatus, readonly TicketStatus[]> = {
  open: ['pending', 'resolved'],
  pending: ['open', 'resolved'],
  resolved: ['open', 'closed'],
  closed: [],
};

export const canMove = (from: TicketStatus, to: TicketStatus) => TRANSITIONS[from].includes(to);

/** Personal fields of a ticket and of a reply, masked as free text. */
export const TICKET_PERSONAL_FIELDS = ['subject', 'description'] as const;

/**
 * A ticket as its contact's partition holds it for the 360 view: the SLA state, without the
 * subject or description (personal, and read from the ticket itself when opened).
 */
export interface ContactTicketSnapshot {
  id: string;
  contactId: string;
  status: TicketStatus;
  priority: TicketPriority;
  channel?: string;
  assigneeId?: string;
  createdAt: string;
  firstResponseDueAt: string;
  resolutionDueAt: string;
  firstResponseAt?: string;
  resolvedAt?: string;
  firstResponseBreached: boolean;
  resolutionBreached: boolean;
  /** The ticket's version this copy was written from. */
  ticketVersion: number;
}

/** How long a satisfaction survey link works. */
export const SURVEY_VALIDITY_DAYS = 14;
