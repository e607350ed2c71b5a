import type { RfmThresholds } from './rfm';

/**
 * A tenant's insights run, in one item per tenant (the status the API shows, and the worker's
 * checkpoint). Three phases, each resumable from the item alone:
 * 1. `gather`: page through the contact listing; per contact one Query of its partition; write
 *    its scores item (churn risk, facts). The cursor is the last contact done.
 * 2. `rank`: one paged Query of the scores listing (small projected items): the main currency,
 *    the RFM thresholds and the association rules, which it writes.
 * 3. `score`: page through the scores listing again, setting each customer's RFM.
 * Writes of scores are idempotent (the same inputs give the same item), so a chunk delivered
 * twice, or resumed after a crash before its checkpoint moved, redoes its work harmlessly.
 */
export const INSIGHTS_PHASES = ['gather', 'rank', 'score'] as const;
export type InsightsPhase = (typeof INSIGHTS_PHASES)[number];
export const INSIGHTS_STATUSES = ['running', 'completed'] as const;
export type InsightsStatus = (typeof INSIGHTS_STATUSES)[number];
export const INSIGHTS_TRIGGERS = ['schedule', 'request'] as const;
export type InsightsTrigger = (typeof INSIGHTS_TRIGGERS)[number];

/** The counts of a finished run. */
export interface InsightsRunSummary {
  runId: string;
  trigger: InsightsTrigger;
  startedAt: string;
  finishedAt: string;
  /** Contacts given a scores item (churn risk). */
  customersScored: number;
  /** Of them, customers with an order, given RFM. */
  customersRanked: number;
  /** Products with at least one rule. */
  productsWithRules: number;
  mainCurrency: string | null;
}

export interface InsightsJob {
  runId: string;
  status: InsightsStatus;
  phase: InsightsPhase;
  trigger: InsightsTrigger;
  /** Who asked for it (a `request` run). */
  requestedBy?: string;
  startedAt: string;
  finishedAt?: string;
  updatedAt: string;
  /** The last contact the current phase has done. */
  cursor?: string;
  customersScored: number;
  customersRanked: number;
  productsWithRules: number;
  mainCurrency?: string | null;
  thresholds?: RfmThresholds;
  /** The last finished run, still shown while the next one runs. */
  lastCompleted?: InsightsRunSummary;
  version: number;
}

/** A run not moved for this long is taken as lost (its message dead-lettered): a new request starts over. */
export const STALE_RUN_MS = 60 * 60 * 1000;

/**
 * The queue's message: do the next chunk of this tenant's run, from the run item at `version`.
 * A message delivered again after its chunk moved the run on names an older version: it is stale.
 */
export interface InsightsJobMessage {
  tenantId: string;
  runId: string;
  version: number;
}
