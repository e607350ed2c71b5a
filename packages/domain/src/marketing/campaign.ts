import type { Versioned } from '../shared/versioned';

export const CAMPAIGN_CHANNELS = ['email', 'sms', 'social', 'ads'] as const;
export type CampaignChannel = (typeof CAMPAIGN_CHANNELS)[number];
export const CAMPAIGN_STATUSES = ['draft', 'launched', 'completed'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/**
 * A campaign on one channel to one segment. Its audience is evaluated once, at launch, and kept
 * (chunked, in its partition) under `launchId`, so later changes to contacts or the segment do not
 * move it. The counters move in the transaction of each conversion.
 */
export interface Campaign extends Versioned {
  id: string;
  name: string;
  channel: CampaignChannel;
  segmentId: string;
  status: CampaignStatus;
  /** ISO 4217: the currency of the budget and of every conversion value. */
  currency: string;
  /** Decimal string with the currency's minor digits, and the same in minor units. */
  budget?: string;
  budgetMinor?: number;
  startAt?: string;
  endAt?: string;
  launchedAt?: string;
  completedAt?: string;
  launchId?: string;
  audienceSize: number;
  conversions: number;
  conversionValueMinor: number;
  createdBy: string;
}

/** A contact of the audience converting, at most once per campaign (stored as `entity: 'campaign-conversion'`). */
export interface CampaignConversion {
  campaignId: string;
  channel: CampaignChannel;
  contactId: string;
  valueMinor?: number;
  currency?: string;
  occurredAt: string;
  orderId?: string;
  recordedBy: string;
  createdAt: string;
}
