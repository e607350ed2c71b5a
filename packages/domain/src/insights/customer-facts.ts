import type { BehaviourDay, Feedback, Transaction } from '../customers/customer-record';
import { MAX_BASKET_PRODUCTS } from './association-rules';
import { churnRisk, trendOf, type ChurnInputs } from './churn-model';
import type { CustomerScores } from './customer-scores';

/** A ticket as the contact's partition snapshots it (service's `contact-ticket` items); only what the model reads. */
export interface TicketSnapshot {
  status: 'open' | 'pending' | 'resolved' | 'closed';
  createdAt: string;
}

/** What the insights job reads of one contact: its partition, in one Query. */
export interface CustomerPartition {
  contactId: string;
  ownerId: string;
  transactions: Pick<Transaction, 'time' | 'currency' | 'amountMinor' | 'items'>[];
  feedback: Pick<Feedback, 'kind' | 'score' | 'createdAt'>[];
  behaviour: Pick<BehaviourDay, 'day' | 'pageViews'>[];
  tickets: TicketSnapshot[];
  /** The scores of the last run, whose RFM stays shown until this run ranks the customer again. */
  previous: CustomerScores | null;
}

const DAY_MS = 86_400_000;
const ORDER_TREND_DAYS = 90;
const BEHAVIOUR_TREND_DAYS = 30;
const RECENT_TICKET_DAYS = 30;

/** Days of behaviour the job reads: the behaviour trend's two windows. */
export const BEHAVIOUR_DAYS_READ = 2 * BEHAVIOUR_TREND_DAYS;

const dayOf = (time: number) => new Date(time).toISOString().slice(0, 10);

/** The model's inputs for one customer, as of `asOf` (the run's start). */
export function churnInputsOf(partition: CustomerPartition, asOf: Date): ChurnInputs {
  const now = asOf.getTime();
  const orderTimes = partition.transactions.map((order) => Date.parse(order.time));
  const last = orderTimes.length === 0 ? null : Math.max(...orderTimes);
  const within = (time: number, fromDays: number, toDays: number) => time > now - toDays * DAY_MS && time <= now - fromDays * DAY_MS;
  const recentOrders = orderTimes.filter((time) => within(time, 0, ORDER_TREND_DAYS)).length;
  const previousOrders = orderTimes.filter((time) => within(time, ORDER_TREND_DAYS, 2 * ORDER_TREND_DAYS)).length;

  const rated = partition.feedback
    .filter((entry) => (entry.kind === 'csat' || entry.kind === 'nps') && typeof entry.score === 'number')
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  const satisfaction = rated ? (rated.kind === 'csat' ? (rated.score! - 1) / 4 : rated.score! / 10) : null;

  const recentFrom = dayOf(now - (BEHAVIOUR_TREND_DAYS - 1) * DAY_MS);
  const previousFrom = dayOf(now - (2 * BEHAVIOUR_TREND_DAYS - 1) * DAY_MS);
  const today = dayOf(now);
  let recentViews = 0;
  let previousViews = 0;
  for (const day of partition.behaviour) {
    if (day.day >= recentFrom && day.day <= today) recentViews += day.pageViews;
    else if (day.day >= previousFrom && day.day < recentFrom) previousViews += day.pageViews;
  }

  return {
    recencyDays: last === null ? null : Math.max(0, Math.floor((now - last) / DAY_MS)),
    orderTrend: last === null ? null : trendOf(recentOrders, previousOrders),
    openTickets: partition.tickets.filter((ticket) => ticket.status === 'open' || ticket.status === 'pending').length,
    recentTickets: partition.tickets.filter((ticket) => Date.parse(ticket.createdAt) > now - RECENT_TICKET_DAYS * DAY_MS).length,
    lastSatisfaction: satisfaction,
    behaviourTrend: recentViews + previousViews === 0 ? null : trendOf(recentViews, previousViews),
  };
}

/**
 * The first phase's scores of one customer: churn risk and the facts RFM and the rules are
 * computed from; the previous run's RFM is kept until this run ranks the customer.
 */
export function gatheredScores(partition: CustomerPartition, run: { runId: string; asOf: Date }): CustomerScores {
  const spendByCurrency: Record<string, number> = {};
  const products = new Set<string>();
  let lastOrderAt: string | undefined;
  for (const order of partition.transactions) {
    spendByCurrency[order.currency] = (spendByCurrency[order.currency] ?? 0) + order.amountMinor;
    for (const line of order.items) products.add(line.product);
    if (!lastOrderAt || order.time > lastOrderAt) lastOrderAt = order.time;
  }
  const previous = partition.previous;
  const keptRfm =
    previous && previous.rfm && partition.transactions.length > 0
      ? {
          recency: previous.recency!,
          frequency: previous.frequency!,
          monetary: previous.monetary!,
          rfm: previous.rfm,
          monetaryMinor: previous.monetaryMinor,
          ...(previous.currency ? { currency: previous.currency } : {}),
        }
      : { monetaryMinor: 0 };
  return {
    contactId: partition.contactId,
    ownerId: partition.ownerId,
    ...keptRfm,
    ...(lastOrderAt ? { lastOrderAt } : {}),
    orderCount: partition.transactions.length,
    churnRisk: churnRisk(churnInputsOf(partition, run.asOf)),
    computedAt: run.asOf.toISOString(),
    runId: run.runId,
    spendByCurrency,
    products: [...products].sort().slice(0, MAX_BASKET_PRODUCTS),
  };
}

/** Days from `lastOrderAt` to the run's start. */
export function recencyDaysOf(lastOrderAt: string, asOf: Date): number {
  return Math.max(0, Math.floor((asOf.getTime() - Date.parse(lastOrderAt)) / DAY_MS));
}
