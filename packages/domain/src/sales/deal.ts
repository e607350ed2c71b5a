import type { Versioned } from '../shared/versioned';

export const DEAL_STATUSES = ['open', 'won', 'lost'] as const;
export type DealStatus = (typeof DEAL_STATUSES)[number];

/** One move of a deal into a stage (`from` is null for the stage it was created in). */
export interface StageChange {
  from: string | null;
  to: string;
  at: string;
  /** The user who moved it. */
  by: string;
}

/**
 * A deal with a customer (the cross-area **Deal** contract: analytics reads these attributes from
 * the table stream, so they keep their names and meaning). The amount is a decimal string in the
 * currency, with `amountMinor` its exact integer minor units. `sourceChannel` and `region` are the
 * contact's when the deal was created. `stagesReached` lists the stages in the order the deal first
 * reached them; `history` every move.
 */
export interface Deal extends Versioned {
  id: string;
  title: string;
  contactId: string;
  companyId?: string;
  ownerId: string;
  pipelineId: string;
  stageId: string;
  amount: string;
  amountMinor: number;
  currency: string;
  /** YYYY-MM-DD. */
  expectedCloseDate: string;
  status: DealStatus;
  lostReason?: string;
  /** ISO 8601: when it was won or lost. */
  closedAt?: string;
  sourceChannel?: string;
  region?: string;
  stagesReached: string[];
  history: StageChange[];
  createdBy: string;
}

/**
 * The part of a deal its contact's partition keeps (entity `contact-deal`, sk `DEAL#<id>`), written
 * in the transaction of every change of the deal, so the 360 view shows the customer's deals from
 * its one Query, and a contact's deletion finds its deals.
 */
export interface ContactDealSnapshot {
  dealId: string;
  title: string;
  pipelineId: string;
  stageId: string;
  status: DealStatus;
  amount: string;
  amountMinor: number;
  currency: string;
  expectedCloseDate: string;
  ownerId: string;
}

export function dealSnapshotOf(deal: Deal): ContactDealSnapshot {
  return {
    dealId: deal.id,
    title: deal.title,
    pipelineId: deal.pipelineId,
    stageId: deal.stageId,
    status: deal.status,
    amount: deal.amount,
    amountMinor: deal.amountMinor,
    currency: deal.currency,
    expectedCloseDate: deal.expectedCloseDate,
    ownerId: deal.ownerId,
  };
}
