import type { ContactTicketSnapshot } from '../tickets/ticket';
import type { Contact } from '../contacts/contact';
import type { ContactDealSnapshot } from '../sales/deal';
import type { CompanySnapshot } from './company';
import type { BehaviourDay, Feedback, Interaction, Transaction } from './customer-record';
import { formatMinorUnits } from './money';
import type { CustomerScoresView } from '../insights/customer-scores';

/** How much of each kind the 360 view shows; totals always cover everything. */
export const VIEW_LIMITS = { transactions: 10, interactions: 20, feedback: 10, behaviourDays: 30, openTickets: 20 } as const;

/**
 * One customer on one screen: the five kinds of customer data of PRODUCT.md, read with one Query
 * of the contact's partition. Tickets join it through their `contact-ticket` snapshots (written
 * with each ticket change); open deals and scores join the same way when sales and prediction exist.
 */
export interface Customer360 {
  profile: Contact;
  company: CompanySnapshot | null;
  transactions: {
    /** Newest first. */
    latest: Transaction[];
    count: number;
    /** Per currency (amounts in different currencies are never added up), by currency code. */
    lifetimeAmount: { currency: string; amount: string; amountMinor: number }[];
  };
  timeline: { latest: Interaction[]; count: number };
  feedback: {
    latest: Feedback[];
    count: number;
    /** Mean CSAT score (1–5) over every rating, to two decimals; null without any. */
    averageCsat: number | null;
    csatResponses: number;
    latestNps: { score: number; at: string } | null;
    openComplaints: number;
  };
  behaviour: BehaviourSummary;
  /** The customer's open deals, newest first, and how many it has won and lost. */
  deals: { open: ContactDealSnapshot[]; wonCount: number; lostCount: number };
  /** The customer's open and pending tickets (most urgent due first), and how many tickets it has had. */
  tickets: { open: ContactTicketSnapshot[]; count: number };
  /** RFM and churn risk from the last insights run (the SCORES item of the same partition); null until scored. */
  scores: CustomerScoresView | null;
}

/** Open tickets first by the due time they are watched for, with breach flags as of `now`. */
export function summariseTickets(tickets: ContactTicketSnapshot[], now: Date): Customer360['tickets'] {
  const at = now.toISOString();
  const open = tickets
    .filter((ticket) => ticket.status === 'open' || ticket.status === 'pending')
    .map((ticket) => ({
      ...ticket,
      firstResponseBreached: (ticket.firstResponseAt ?? at) > ticket.firstResponseDueAt,
      resolutionBreached: (ticket.resolvedAt ?? at) > ticket.resolutionDueAt,
    }))
    .sort((a, b) => a.resolutionDueAt.localeCompare(b.resolutionDueAt));
  return { open: open.slice(0, VIEW_LIMITS.openTickets), count: tickets.length };
}

export interface BehaviourSummary {
  /** The window, YYYY-MM-DD (UTC), both ends included. */
  from: string;
  to: string;
  /** Days with activity, oldest first. */
  days: BehaviourDay[];
  totals: { pageViews: number; clicks: number; dwellSeconds: number };
}

const DAY_MS = 86_400_000;
const dayOf = (time: number) => new Date(time).toISOString().slice(0, 10);

/** The behaviour window ending today (UTC): the last {@link VIEW_LIMITS.behaviourDays} days. */
export function behaviourWindow(now: Date): { from: string; to: string } {
  return { from: dayOf(now.getTime() - (VIEW_LIMITS.behaviourDays - 1) * DAY_MS), to: dayOf(now.getTime()) };
}

/** `transactions` newest first. */
export function summariseTransactions(transactions: Transaction[]): Customer360['transactions'] {
  const totals = new Map<string, bigint>();
  for (const transaction of transactions) {
    totals.set(transaction.currency, (totals.get(transaction.currency) ?? 0n) + BigInt(transaction.amountMinor));
  }
  return {
    latest: transactions.slice(0, VIEW_LIMITS.transactions),
    count: transactions.length,
    lifetimeAmount: [...totals.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, minor]) => ({ currency, amount: formatMinorUnits(minor, currency), amountMinor: Number(minor) })),
  };
}

/** `feedback` newest first; `latest` is filled in by the caller (it decides what is shown in clear). */
export function summariseFeedback(feedback: Feedback[]): Omit<Customer360['feedback'], 'latest'> {
  const csat = feedback.filter((entry) => entry.kind === 'csat' && entry.score !== undefined).map((entry) => entry.score!);
  const nps = feedback.find((entry) => entry.kind === 'nps' && entry.score !== undefined);
  return {
    count: feedback.length,
    averageCsat: csat.length === 0 ? null : Math.round((csat.reduce((sum, score) => sum + score, 0) / csat.length) * 100) / 100,
    csatResponses: csat.length,
    latestNps: nps ? { score: nps.score!, at: nps.createdAt } : null,
    openComplaints: feedback.filter((entry) => entry.kind === 'complaint' && entry.status === 'open').length,
  };
}

/** Days within the window, oldest first, and their totals. */
export function summariseBehaviour(days: BehaviourDay[], window: { from: string; to: string }): BehaviourSummary {
  const inWindow = days
    .filter((day) => day.day >= window.from && day.day <= window.to)
    .sort((a, b) => a.day.localeCompare(b.day))
    .map((day) => ({ day: day.day, pageViews: day.pageViews, clicks: day.clicks, dwellSeconds: day.dwellSeconds }));
  const totals = { pageViews: 0, clicks: 0, dwellSeconds: 0 };
  for (const day of inWindow) {
    totals.pageViews += day.pageViews;
    totals.clicks += day.clicks;
    totals.dwellSeconds += day.dwellSeconds;
  }
  return { ...window, days: inWindow, totals };
}

/** The 360 view's deals: the open ones (newest first) in full, the closed ones counted. */
export function summariseDeals(deals: ContactDealSnapshot[]): Customer360['deals'] {
  return {
    open: deals.filter((deal) => deal.status === 'open'),
    wonCount: deals.filter((deal) => deal.status === 'won').length,
    lostCount: deals.filter((deal) => deal.status === 'lost').length,
  };
}
