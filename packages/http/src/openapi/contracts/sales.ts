import {
  contactConvertSchema,
  DEAL_STATUSES,
  dealCreateSchema,
  dealListFilterSchema,
  dealLostSchema,
  dealMoveSchema,
  dealPatchSchema,
  dealWonSchema,
  monthSchema,
  pipelineCreateSchema,
  pipelinePatchSchema,
  ULID_PATTERN,
} from '@rapport/domain';
import * as z from 'zod';
import { contactIdParams, ETAG, ETAG_AND_LOCATION, noContentResponse, okWith, pageOf, type RouteContract, versioned } from '../contract';
import { endpointsOf } from '../../endpoint';
import { salesRoutes } from '../../routes/sales';

export const pipelineIdParams = z.object({ id: z.string().regex(ULID_PATTERN, 'must be a pipeline id') });
export const dealIdParams = z.object({ id: z.string().regex(ULID_PATTERN, 'must be a deal id') });

const page = {
  limit: z.coerce.number().int('must be a whole number').min(1).max(100).default(25),
  cursor: z.string().max(200).optional(),
};
export const pipelineListQuery = z.strictObject(page);
export const dealListQuery = z.strictObject({ ...page, ...dealListFilterSchema });
export const dealForecastQuery = z.strictObject({
  pipelineId: dealListFilterSchema.pipelineId,
  from: monthSchema,
  to: monthSchema,
});

export const stageSchema = z
  .object({ id: z.string(), name: z.string(), probability: z.int().min(0).max(100).describe('Win probability, whole percent') })
  .meta({ id: 'Stage' });

export const pipelineSchema = z
  .object({ id: z.string(), name: z.string(), stages: z.array(stageSchema).describe('In order; won and lost are outcomes, not stages'), ...versioned })
  .meta({ id: 'Pipeline' });

const stageChangeSchema = z.object({ from: z.string().nullable(), to: z.string(), at: z.iso.datetime(), by: z.string() });

export const dealSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    contactId: z.string(),
    companyId: z.string().optional(),
    ownerId: z.string(),
    pipelineId: z.string(),
    stageId: z.string(),
    amount: z.string().describe('Decimal, in the currency'),
    amountMinor: z.int().describe('The amount in minor units (cents)'),
    currency: z.string(),
    expectedCloseDate: z.iso.date(),
    status: z.enum(DEAL_STATUSES),
    lostReason: z.string().optional(),
    closedAt: z.iso.datetime().optional(),
    sourceChannel: z.string().optional(),
    region: z.string().optional(),
    stagesReached: z.array(z.string()).describe('Stage ids in the order the deal first reached them'),
    history: z.array(stageChangeSchema).describe('Every move between stages, oldest first'),
    createdBy: z.string(),
    ...versioned,
  })
  .meta({ id: 'Deal' });

/** A deal as its contact's 360 view shows it. */
export const contactDealSchema = z
  .object({
    dealId: z.string(),
    title: z.string(),
    pipelineId: z.string(),
    stageId: z.string(),
    status: z.enum(DEAL_STATUSES),
    amount: z.string(),
    amountMinor: z.int(),
    currency: z.string(),
    expectedCloseDate: z.iso.date(),
    ownerId: z.string(),
  })
  .meta({ id: 'ContactDeal' });

const money = z.object({ amount: z.string(), amountMinor: z.int() });
export const forecastSchema = z
  .object({
    pipelineId: z.string(),
    from: z.string(),
    to: z.string(),
    currencies: z.array(
      z.object({
        currency: z.string(),
        totals: z.object({ openCount: z.int(), open: money, weighted: money, wonCount: z.int(), won: money }),
        byStage: z.array(z.object({ stageId: z.string(), name: z.string(), probability: z.int(), openCount: z.int(), open: money, weighted: money })),
        byMonth: z.array(z.object({ month: z.string(), openCount: z.int(), open: money, weighted: money, wonCount: z.int(), won: money })),
      }),
    ),
  })
  .meta({ id: 'Forecast' });

const changed = 'The deal changed since the version sent (If-Match or version), or it is won or lost already';

export const salesContracts = {
  createPipeline: {
    tag: 'sales',
    request: { body: pipelineCreateSchema },
    responses: { 201: { description: 'The pipeline, with its ETag and Location', body: pipelineSchema, headers: ETAG_AND_LOCATION } },
  },
  listPipelines: {
    tag: 'sales',
    request: { query: pipelineListQuery },
    responses: okWith(pageOf(pipelineSchema), 'A page of pipelines, the default one first'),
  },
  getPipeline: {
    tag: 'sales',
    request: { params: pipelineIdParams },
    responses: okWith(pipelineSchema, 'The pipeline, with its ETag', ETAG),
  },
  updatePipeline: {
    tag: 'sales',
    ifMatch: true,
    request: { params: pipelineIdParams, body: pipelinePatchSchema },
    responses: okWith(pipelineSchema, 'The changed pipeline, with its new ETag', ETAG),
    errors: { 409: 'The pipeline changed since the version sent, or a removed stage still has open deals (STAGE_IN_USE names it)' },
  },
  createDeal: {
    tag: 'sales',
    request: { body: dealCreateSchema },
    responses: { 201: { description: 'The deal, with its ETag and Location', body: dealSchema, headers: ETAG_AND_LOCATION } },
  },
  listDeals: {
    tag: 'sales',
    request: { query: dealListQuery },
    responses: okWith(pageOf(dealSchema), 'A page of deals, oldest first'),
  },
  getDealForecast: {
    tag: 'sales',
    request: { query: dealForecastQuery },
    responses: okWith(forecastSchema, 'Weighted open amounts by stage and month, and won amounts by month, per currency'),
  },
  getDeal: {
    tag: 'sales',
    request: { params: dealIdParams },
    responses: okWith(dealSchema, 'The deal with its stage history, and its ETag', ETAG),
  },
  updateDeal: {
    tag: 'sales',
    ifMatch: true,
    request: { params: dealIdParams, body: dealPatchSchema },
    responses: okWith(dealSchema, 'The changed deal, with its new ETag', ETAG),
    errors: { 409: changed },
  },
  deleteDeal: {
    tag: 'sales',
    ifMatch: true,
    request: { params: dealIdParams },
    responses: { 204: noContentResponse },
    errors: { 409: changed },
  },
  moveDeal: {
    tag: 'sales',
    ifMatch: true,
    request: { params: dealIdParams, body: dealMoveSchema },
    responses: okWith(dealSchema, 'The deal in its new stage, with its new ETag', ETAG),
    errors: { 409: changed },
  },
  winDeal: {
    tag: 'sales',
    ifMatch: true,
    request: { params: dealIdParams, body: dealWonSchema },
    responses: okWith(dealSchema, 'The won deal, with its new ETag', ETAG),
    errors: { 409: changed },
  },
  loseDeal: {
    tag: 'sales',
    ifMatch: true,
    request: { params: dealIdParams, body: dealLostSchema },
    responses: okWith(dealSchema, 'The lost deal, with its new ETag', ETAG),
    errors: { 409: changed },
  },
  convertContact: {
    tag: 'sales',
    request: { params: contactIdParams, body: contactConvertSchema },
    responses: { 201: { description: "The lead's first deal (the contact is now a prospect), with its ETag and Location", body: dealSchema, headers: ETAG_AND_LOCATION } },
    errors: { 409: 'The contact is not a lead (NOT_A_LEAD names its stage), or it changed meanwhile' },
  },
} satisfies Record<keyof typeof salesRoutes, RouteContract>;

/** The sales routes with their contracts, as the handlers are built from them. */
export const salesEndpoints = /* @__PURE__ */ endpointsOf(salesRoutes, salesContracts);
