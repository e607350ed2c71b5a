import type { ChurnRisk } from './churn-model';
import type { RfmScore } from './rfm';

/**
 * A customer's scores, as stored in its partition (the cross-area contract: marketing's segments
 * and the 360 view read it). RFM fields are absent for a contact without orders.
 */
export interface CustomerScores extends Partial<RfmScore> {
  contactId: string;
  /** The contact's owner when scored: the churn list keeps to the caller's record scope with it. */
  ownerId: string;
  lastOrderAt?: string;
  orderCount: number;
  /** Spend in `currency` (the tenant's main currency), minor units; 0 without orders in it. */
  monetaryMinor: number;
  currency?: string;
  churnRisk: ChurnRisk;
  computedAt: string;
  /** The run that wrote the item. */
  runId: string;
  /** What the next phase of the run needs: spend per currency and the products ever bought. */
  spendByCurrency: Record<string, number>;
  products: string[];
}

/** What a client is shown: the contract's attributes, not the job's working facts. */
export type CustomerScoresView = Omit<CustomerScores, 'runId' | 'spendByCurrency' | 'products' | 'ownerId'>;

export function scoresView(scores: CustomerScores): CustomerScoresView {
  const { runId: _runId, spendByCurrency: _spend, products: _products, ownerId: _ownerId, ...view } = scores;
  return view;
}
