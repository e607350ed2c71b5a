import type { Audited } from '../access/ports';
import type { Page } from '../contacts/ports';
import type { AssociationRule } from './association-rules';
import type { ChurnLevel } from './churn-model';
import type { CustomerPartition } from './customer-facts';
import type { CustomerScores } from './customer-scores';
import type { InsightsJob, InsightsJobMessage } from './insights-job';
import type { RfmScore } from './rfm';

/** The tenant's run item, bound to the tenant. */
export interface InsightsJobRepository {
  get(): Promise<InsightsJob | null>;
  /**
   * Writes `next` if the stored run is still at `expectedVersion` (null: there is none yet), with
   * `audit` in the same transaction when given. Throws VersionConflictError otherwise.
   */
  save(next: InsightsJob, expectedVersion: number | null, audit?: Audited): Promise<void>;
}

/** What the insights job reads and writes in the contacts' partitions, bound to the tenant. */
export interface CustomerScoresRepository {
  /** A page of the tenant's contact ids in creation order, from its contact listing. */
  contactIds(options: { limit: number; afterId?: string }): Promise<Page<string>>;
  /** One Query of the contact's partition; null when the contact is gone. */
  partition(contactId: string, options: { behaviourSince: string }): Promise<CustomerPartition | null>;
  /** Writes the scores item, if the contact still exists; answers whether it did. */
  put(scores: CustomerScores): Promise<boolean>;
  /** A page of the tenant's scores items, in contact order. */
  list(options: { limit: number; afterId?: string }): Promise<Page<CustomerScores>>;
  /** Sets (or, null, removes) a customer's RFM and its spend, if its scores item still exists. */
  setRfm(contactId: string, rfm: (RfmScore & { monetaryMinor: number; currency: string }) | null): Promise<void>;
  get(contactId: string): Promise<CustomerScores | null>;
  /** Customers at one churn level, highest score first; `ownerId` keeps to one owner's contacts. */
  atRisk(level: ChurnLevel, options: { limit: number; after?: string; ownerId?: string }): Promise<{ items: CustomerScores[]; next: string | null }>;
}

/** The tenant's association rules, one small item per product. */
export interface RecommendationRepository {
  /** Writes this run's rules and removes those of earlier runs; answers how many products have rules. */
  replace(runId: string, rules: Map<string, AssociationRule[]>, computedAt: string): Promise<number>;
  get(product: string): Promise<{ rules: AssociationRule[]; computedAt: string } | null>;
}

export interface InsightsQueue {
  send(message: InsightsJobMessage): Promise<void>;
}

/** The tenants the schedule runs for, from a sparse listing (never a scan). */
export interface InsightsTenantListing {
  tenantIds(options: { limit: number; afterId?: string }): Promise<Page<string>>;
}
