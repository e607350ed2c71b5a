import type { Audited } from '../access/ports';
import type { Page } from '../contacts/ports';
import type { BehaviourDay } from '../customers/customer-record';
import type { Campaign, CampaignConversion } from './campaign';
import type { Segment } from './segment';
import type { SegmentContact, SegmentScores } from './segment-evaluation';

/** What segment evaluation reads of one tenant, through its listings and contact partitions. */
export interface SegmentDataSource {
  /**
   * A page of the tenant's contacts in id order: clear fields only, and of the custom fields only
   * those named (non-sensitive, by field id), so no ciphertext is even read.
   */
  contacts(options: { afterId?: string; limit: number; customFieldIds: string[] }): Promise<{ items: SegmentContact[]; lastId: string | null }>;
  /** The scores items of the contacts with ids from `firstId` to `lastId`, from the scores listing. */
  scoresBetween(firstId: string, lastId: string): Promise<SegmentScores[]>;
  /** When the contact's latest order was placed (its orders sort by time), or null without orders. */
  latestOrderAt(contactId: string): Promise<string | null>;
  /** The contact's behaviour days from `firstDay` (YYYY-MM-DD) on. */
  behaviourSince(contactId: string, firstDay: string): Promise<BehaviourDay[]>;
}

/** Saved segments of one tenant; every change goes with its audit event. */
export interface SegmentRepository {
  create(segment: Segment, audit: Audited): Promise<void>;
  get(id: string): Promise<Segment | null>;
  list(options: { limit: number; afterId?: string }): Promise<Page<Segment>>;
  /** Throws VersionConflictError or NotFoundError. */
  replace(next: Segment, previous: Segment, audit: Audited): Promise<void>;
  /** Throws NotFoundError. */
  delete(id: string, audit: Audited): Promise<void>;
}

/** Campaigns of one tenant, with their fixed audiences and conversions. */
export interface CampaignRepository {
  create(campaign: Campaign, audit: Audited): Promise<void>;
  get(id: string): Promise<Campaign | null>;
  list(options: { limit: number; afterId?: string }): Promise<Page<Campaign>>;
  /** Every campaign of the tenant (performance is served from the listing). */
  listAll(): Promise<Campaign[]>;
  /** Throws VersionConflictError or NotFoundError. */
  replace(next: Campaign, previous: Campaign, audit: Audited): Promise<void>;
  /** The campaign with its audience and conversions. Throws NotFoundError. */
  delete(id: string, audit: Audited): Promise<void>;
  /** Stores an audience (sorted contact ids) in chunks under `launchId`, before the launch that names it commits. */
  writeAudience(campaignId: string, launchId: string, contactIds: string[]): Promise<void>;
  isAudienceMember(campaignId: string, launchId: string, contactId: string): Promise<boolean>;
  /**
   * The conversion and the campaign's counters in one transaction with the audit event. Throws
   * ConversionExistsError when the contact converted already, NotFoundError when the campaign is gone.
   */
  recordConversion(conversion: CampaignConversion, audit: Audited): Promise<void>;
  getConversion(campaignId: string, contactId: string): Promise<CampaignConversion | null>;
  /** The contact's order of that id (from its partition), or null: a conversion naming an order must name a real one. */
  findOrder(contactId: string, orderId: string): Promise<{ amountMinor: number; currency: string; time: string } | null>;
}
