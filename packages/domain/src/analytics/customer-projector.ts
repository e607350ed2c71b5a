import { countInSlices, slicesOf, type Counters, type SliceAttributes } from './counters';
import { addMonths, monthOf, type Month } from './months';

/**
 * What the analytics keep of one order (`entity: 'transaction'`): its month, currency and amount
 * in minor units. Amounts are never added across currencies.
 */
export interface OrderFacts {
  contactId: string;
  month: Month;
  currency: string;
  amountMinor: number;
}

export function orderFactsOf(image: Record<string, unknown> | undefined): OrderFacts | null {
  if (!image || image.entity !== 'transaction') return null;
  const month = monthOf(image.time);
  const amountMinor = Number(image.amountMinor);
  if (!month || typeof image.currency !== 'string' || typeof image.contactId !== 'string' || !Number.isInteger(amountMinor)) return null;
  return { contactId: image.contactId, month, currency: image.currency, amountMinor };
}

/** A customer's orders, per month and currency: how many, and their total in minor units. */
export type OrderBook = Record<string, { orders: number; amountMinor: number }>;

const bookKey = (month: Month, currency: string) => `${month}|${currency}`;

/** The book with one order added (`sign` 1) or taken out (`sign` −1). */
export function withOrder(book: OrderBook, order: OrderFacts, sign: 1 | -1): OrderBook {
  const key = bookKey(order.month, order.currency);
  const entry = book[key] ?? { orders: 0, amountMinor: 0 };
  const next = { orders: entry.orders + sign, amountMinor: entry.amountMinor + sign * order.amountMinor };
  const { [key]: _previous, ...rest } = book;
  return next.orders === 0 ? rest : { ...rest, [key]: next };
}

/**
 * The customer-level counters one customer's order book contributes, in each of its slices (the
 * customer's current region, source channel and owner):
 *
 * - month M: `orders`, `revenue#<CUR>` (minor units), `active` (1 if the customer ordered in M),
 *   `active#<CUR>` (1 if it ordered in that currency in M), `retained` (1 if it ordered in M and
 *   in M−1);
 * - the month of its first order F (its cohort): `newCustomers` 1, `repeatCustomers` 1 when it has
 *   2 or more orders in all, `cohortRevenue#<CUR>` its whole revenue in that currency so far,
 *   `cohortCustomers#<CUR>` 1 when it ever ordered in that currency.
 *
 * Recomputing these from the book before and after a change, and moving the aggregates by the
 * difference, keeps every number exact whatever order the customer's orders come and go in.
 */
export function customerCounters(book: OrderBook, slices: SliceAttributes | null, counters: Counters = new Map()): Counters {
  const entries = Object.entries(book).map(([key, value]) => {
    const [month, currency] = key.split('|') as [Month, string];
    return { month, currency, ...value };
  });
  if (entries.length === 0) return counters;
  const refs = slicesOf(slices);
  const months = new Set(entries.map((entry) => entry.month));
  const first = [...months].sort()[0]!;
  let total = 0;
  const revenueByCurrency = new Map<string, number>();
  for (const entry of entries) {
    countInSlices(counters, 'customers', refs, entry.month, 'orders', entry.orders);
    countInSlices(counters, 'customers', refs, entry.month, `revenue#${entry.currency}`, entry.amountMinor);
    countInSlices(counters, 'customers', refs, entry.month, `active#${entry.currency}`);
    total += entry.orders;
    revenueByCurrency.set(entry.currency, (revenueByCurrency.get(entry.currency) ?? 0) + entry.amountMinor);
  }
  for (const month of months) {
    countInSlices(counters, 'customers', refs, month, 'active');
    if (months.has(addMonths(month, -1))) countInSlices(counters, 'customers', refs, month, 'retained');
  }
  countInSlices(counters, 'customers', refs, first, 'newCustomers');
  if (total >= 2) countInSlices(counters, 'customers', refs, first, 'repeatCustomers');
  for (const [currency, amountMinor] of revenueByCurrency) {
    countInSlices(counters, 'customers', refs, first, `cohortRevenue#${currency}`, amountMinor);
    countInSlices(counters, 'customers', refs, first, `cohortCustomers#${currency}`);
  }
  return counters;
}
