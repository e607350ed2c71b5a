/**
 * RFM scoring by quintiles over the tenant's customers with at least one order.
 *
 * A customer's score on one dimension is `1 + floor(5 × b / n)`, where `n` is the number of
 * customers with an order and `b` the number of them strictly worse on that dimension. So the best
 * fifth scores 5 and the worst 1; ties share a score (the lower one: a hundred customers with one
 * order all score what the first of them would); a tenant with one customer scores it 1-1-1.
 * Recency is inverted: fewer days since the last order is better. Customers without orders get no
 * RFM at all, so a segment "RFM ≥ 4-4-4" can never include them.
 *
 * Scoring needs the whole distribution, but a chunked job scores customers a page at a time: the
 * distribution is boiled down to four thresholds per dimension (`v` scores at least `k` exactly when
 * `v` is above the `k`-th threshold), which is exact and fits in the job's item.
 */

/** For each score 2..5, the value a customer must be strictly above to reach it; null: everyone reaches it. */
export type QuintileThresholds = [number | null, number | null, number | null, number | null];

/** The thresholds of one dimension; `values` are "higher is better" (pass recency as −days). */
export function quintileThresholds(values: readonly number[]): QuintileThresholds {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const thresholds = [2, 3, 4, 5].map((score) => {
    // At least m customers must be strictly worse; that holds exactly for values above the m-th smallest.
    const m = Math.ceil(((score - 1) * n) / 5);
    return m === 0 ? null : sorted[m - 1]!;
  });
  return thresholds as QuintileThresholds;
}

/** The score (1–5) of `value` against a dimension's thresholds. */
export function quintileScore(value: number, thresholds: QuintileThresholds): number {
  return 1 + thresholds.filter((threshold) => threshold === null || value > threshold).length;
}

/** The facts RFM is computed from, for one customer with at least one order. */
export interface RfmFacts {
  recencyDays: number;
  orderCount: number;
  /** Spend in the tenant's main currency, minor units (0 for a customer who bought only in others). */
  monetaryMinor: number;
}

export interface RfmThresholds {
  /** Over −recencyDays. */
  recency: QuintileThresholds;
  frequency: QuintileThresholds;
  monetary: QuintileThresholds;
}

export interface RfmScore {
  recency: number;
  frequency: number;
  monetary: number;
  /** 'R-F-M', e.g. '4-5-3'. */
  rfm: string;
}

export function rfmThresholds(customers: readonly RfmFacts[]): RfmThresholds {
  return {
    recency: quintileThresholds(customers.map((customer) => -customer.recencyDays)),
    frequency: quintileThresholds(customers.map((customer) => customer.orderCount)),
    monetary: quintileThresholds(customers.map((customer) => customer.monetaryMinor)),
  };
}

export function rfmScore(facts: RfmFacts, thresholds: RfmThresholds): RfmScore {
  const recency = quintileScore(-facts.recencyDays, thresholds.recency);
  const frequency = quintileScore(facts.orderCount, thresholds.frequency);
  const monetary = quintileScore(facts.monetaryMinor, thresholds.monetary);
  return { recency, frequency, monetary, rfm: `${recency}-${frequency}-${monetary}` };
}
