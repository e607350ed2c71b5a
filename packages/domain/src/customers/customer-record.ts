/**
 * The records a contact's partition holds beside its profile: orders, the interaction timeline and
 * feedback (behaviour days are written by event ingestion). They are facts about the past, so they
 * are added, read and deleted with their contact, never edited. Ids are ULIDs taken at the time the
 * record is about (the order's time, when the call happened), so each kind sorts by that time.
 */

export const INTERACTION_TYPES = ['call', 'email', 'meeting', 'chat', 'note'] as const;
export type InteractionType = (typeof INTERACTION_TYPES)[number];
export const DIRECTIONS = ['inbound', 'outbound'] as const;
export type Direction = (typeof DIRECTIONS)[number];
export const FEEDBACK_KINDS = ['csat', 'nps', 'suggestion', 'complaint'] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];

/** Scores a kind of feedback takes; the other kinds take none. */
export const SCORE_RANGES: Readonly<Partial<Record<FeedbackKind, { min: number; max: number }>>> = {
  csat: { min: 1, max: 5 },
  nps: { min: 0, max: 10 },
};

interface CustomerRecordBase {
  id: string;
  contactId: string;
  /** The user who recorded it. */
  createdBy: string;
  createdAt: string;
}

export interface TransactionLine {
  product: string;
  quantity: number;
  /** Decimal string with exactly the currency's minor digits: `19.99`, `5.00`, `1200` (JPY). */
  unitPrice: string;
}

/** An order. Not personal data: what was bought, when, for how much. */
export interface Transaction extends CustomerRecordBase {
  items: TransactionLine[];
  /** ISO 4217, upper case. */
  currency: string;
  /** The sum of quantity × unit price, computed by the server, as a decimal string. */
  amount: string;
  /** The same amount in minor units (cents), for exact arithmetic by clients and analytics. */
  amountMinor: number;
  /** When the order was placed (ISO 8601, UTC). */
  time: string;
  /** The order's number in the tenant's shop or ERP. */
  reference?: string;
}

/** A call, email, meeting, chat or note on the customer's timeline. */
export interface Interaction extends CustomerRecordBase {
  type: InteractionType;
  direction?: Direction;
  /** Personal data: encrypted at rest, masked without `pii:read`. */
  subject?: string;
  /** Personal data: encrypted at rest, masked without `pii:read`. */
  body?: string;
  /** When it happened (ISO 8601, UTC). */
  occurredAt: string;
  durationSeconds?: number;
}

/** A rating, suggestion or complaint. Complaints stay `open` for the service desk. */
export interface Feedback extends CustomerRecordBase {
  kind: FeedbackKind;
  score?: number;
  /** Personal data: encrypted at rest, masked without `pii:read`. */
  comment?: string;
  channel?: string;
  /** Complaints: `open` until the ticket opened for them is resolved, then `closed`. */
  status?: 'open' | 'closed';
  /** The ticket a complaint opened, or whose survey this rating answers. */
  ticketId?: string;
}

/** A contact's behaviour on one day, as event ingestion aggregates it. */
export interface BehaviourDay {
  /** YYYY-MM-DD (UTC). */
  day: string;
  pageViews: number;
  clicks: number;
  dwellSeconds: number;
}

/** The kinds of record a contact's partition holds, by the name the repository is asked for. */
export interface CustomerRecordOf {
  transaction: Transaction;
  interaction: Interaction;
  feedback: Feedback;
}
export type CustomerRecordKind = keyof CustomerRecordOf;

/** Personal fields of each kind (masked as free text). Transactions have none. */
export const RECORD_PERSONAL_FIELDS = {
  transaction: [],
  interaction: ['subject', 'body'],
  feedback: ['comment'],
} as const satisfies { [K in CustomerRecordKind]: readonly (keyof CustomerRecordOf[K])[] };
