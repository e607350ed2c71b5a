import {
  CAMPAIGN_CHANNELS,
  CAMPAIGN_STATUSES,
  ULID_PATTERN,
  campaignCreateSchema,
  campaignPatchSchema,
  conversionCreateSchema,
  performanceQuerySchema,
  ruleSetSchema,
  segmentCreateSchema,
  segmentPatchSchema,
} from '@rapport/domain';
import * as z from 'zod';
import { ETAG, ETAG_AND_LOCATION, noContentResponse, okWith, pageOf, versioned, type RouteContract } from '../contract';
import { endpointsOf } from '../../endpoint';
import { marketingRoutes } from '../../routes/marketing';

/** The `{id}` path parameter of the segment and campaign routes. */
export const segmentIdParams = z.object({ id: z.string().regex(ULID_PATTERN, 'must be a segment id') });
export const campaignIdParams = z.object({ id: z.string().regex(ULID_PATTERN, 'must be a campaign id') });

/** `?limit=&cursor=` of the marketing lists. */
export const marketingPageQuery = z.strictObject({
  limit: z.coerce.number().int('must be a whole number').min(1).max(100).default(25),
  cursor: z.string().max(200).optional(),
});

export const segmentSchema = z
  .object({ id: z.string(), name: z.string(), description: z.string().optional(), rules: ruleSetSchema, createdBy: z.string(), ...versioned })
  .meta({ id: 'Segment' });

const segmentMemberSchema = z
  .object({
    contactId: z.string(),
    firstName: z.string(),
    lastName: z.string().optional(),
    lifecycleStage: z.string().optional(),
    region: z.string().optional(),
    matched: z.array(z.string()).describe('The conditions that held, in words'),
  })
  .meta({ id: 'SegmentMember' });

const segmentCountSchema = z.object({
  segmentId: z.string(),
  members: z.int().min(0),
  contactsRead: z.int().min(0).describe('Profiles read from the contact listing'),
  scoresRead: z.int().min(0).describe('Scores items read from the scores listing'),
  partitionQueries: z.int().min(0).describe("Queries of contacts' partitions (orders, behaviour), only for contacts the other rules did not rule out"),
});

export const campaignSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    channel: z.enum(CAMPAIGN_CHANNELS),
    segmentId: z.string(),
    status: z.enum(CAMPAIGN_STATUSES),
    currency: z.string(),
    budget: z.string().optional(),
    budgetMinor: z.int().optional(),
    startAt: z.iso.datetime().optional(),
    endAt: z.iso.datetime().optional(),
    launchedAt: z.iso.datetime().optional(),
    completedAt: z.iso.datetime().optional(),
    launchId: z.string().optional().describe('Names the audience fixed at launch'),
    audienceSize: z.int().min(0),
    conversions: z.int().min(0),
    conversionValueMinor: z.int().min(0).describe('The sum of conversion values, in minor units of the currency'),
    createdBy: z.string(),
    ...versioned,
  })
  .meta({ id: 'Campaign' });

const conversionSchema = z
  .object({
    campaignId: z.string(),
    channel: z.enum(CAMPAIGN_CHANNELS),
    contactId: z.string(),
    valueMinor: z.int().min(0).optional(),
    currency: z.string().optional(),
    occurredAt: z.iso.datetime(),
    orderId: z.string().optional(),
    recordedBy: z.string(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'CampaignConversion' });

const performanceSchema = z.object({
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  channels: z.array(
    z.object({
      channel: z.enum(CAMPAIGN_CHANNELS),
      campaigns: z.int().min(0),
      audience: z.int().min(0),
      conversions: z.int().min(0),
      conversionRate: z.number().min(0).describe('conversions / audience over the campaigns launched in the period; 0 for no audience'),
      value: z.array(z.object({ currency: z.string(), amount: z.string(), amountMinor: z.int().min(0) })),
    }),
  ),
});

const changed = (what: string) => `The ${what} changed since the version sent (If-Match or version)`;

export const marketingContracts = {
  createSegment: {
    tag: 'marketing',
    request: { body: segmentCreateSchema },
    responses: { 201: { description: 'The segment, with its ETag and Location', body: segmentSchema, headers: ETAG_AND_LOCATION } },
  },
  listSegments: { tag: 'marketing', request: { query: marketingPageQuery }, responses: okWith(pageOf(segmentSchema), 'A page of segments, oldest first') },
  getSegment: { tag: 'marketing', request: { params: segmentIdParams }, responses: okWith(segmentSchema, 'The segment, with its ETag', ETAG) },
  updateSegment: {
    tag: 'marketing',
    ifMatch: true,
    request: { params: segmentIdParams, body: segmentPatchSchema },
    responses: okWith(segmentSchema, 'The changed segment, with its new ETag', ETAG),
    errors: { 409: changed('segment') },
  },
  deleteSegment: { tag: 'marketing', request: { params: segmentIdParams }, responses: { 204: { ...noContentResponse, description: 'Deleted' } } },
  listSegmentMembers: {
    tag: 'marketing',
    request: { params: segmentIdParams, query: marketingPageQuery },
    responses: okWith(pageOf(segmentMemberSchema), 'A page of members in contact order; a page may be short (up to 1000 contacts are read per page) and still have a cursor'),
  },
  countSegmentMembers: {
    tag: 'marketing',
    request: { params: segmentIdParams },
    responses: okWith(segmentCountSchema, 'How many contacts match now, and what evaluating the whole segment read'),
  },
  createCampaign: {
    tag: 'marketing',
    request: { body: campaignCreateSchema },
    responses: { 201: { description: 'The campaign (a draft), with its ETag and Location', body: campaignSchema, headers: ETAG_AND_LOCATION } },
  },
  listCampaigns: { tag: 'marketing', request: { query: marketingPageQuery }, responses: okWith(pageOf(campaignSchema), 'A page of campaigns, oldest first') },
  getCampaignPerformance: {
    tag: 'marketing',
    request: { query: performanceQuerySchema },
    responses: okWith(performanceSchema, 'Every channel, with the campaigns launched from `from` (inclusive) to `to` (exclusive)'),
  },
  getCampaign: { tag: 'marketing', request: { params: campaignIdParams }, responses: okWith(campaignSchema, 'The campaign, with its ETag', ETAG) },
  updateCampaign: {
    tag: 'marketing',
    ifMatch: true,
    request: { params: campaignIdParams, body: campaignPatchSchema },
    responses: okWith(campaignSchema, 'The changed campaign, with its new ETag', ETAG),
    errors: { 409: `${changed('campaign')}, or its status does not allow the change` },
  },
  deleteCampaign: {
    tag: 'marketing',
    request: { params: campaignIdParams },
    responses: { 204: { ...noContentResponse, description: 'Deleted, with its audience and conversions' } },
  },
  launchCampaign: {
    tag: 'marketing',
    request: { params: campaignIdParams },
    responses: okWith(campaignSchema, 'The launched campaign with its audience size, and its new ETag', ETAG),
    errors: { 409: 'The campaign is not a draft, or changed while it launched' },
  },
  recordCampaignConversion: {
    tag: 'marketing',
    request: { params: campaignIdParams, body: conversionCreateSchema },
    responses: { 201: { description: 'The conversion', body: conversionSchema } },
    errors: { 409: 'The contact has already converted in this campaign, or the campaign is a draft' },
  },
} satisfies Record<keyof typeof marketingRoutes, RouteContract>;

/** The marketing routes with their contracts, as the handlers are built from them. */
export const marketingEndpoints = /* @__PURE__ */ endpointsOf(marketingRoutes, marketingContracts);
