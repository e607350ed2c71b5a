import { CHURN_LEVELS, CHURN_WEIGHTS, INSIGHTS_PHASES, INSIGHTS_STATUSES, INSIGHTS_TRIGGERS } from '@rapport/domain';
import * as z from 'zod';
import { contactIdParams, okWith, pageOf, type RouteContract } from '../contract';
import { endpointsOf } from '../../endpoint';
import { insightsRoutes } from '../../routes/insights';

const score = z.int().min(1).max(5);

export const churnRiskSchema = z
  .object({
    score: z.number().min(0).max(1).describe('Probability-like risk, 0–1'),
    level: z.enum(CHURN_LEVELS).describe('high from 0.7, medium from 0.4'),
    features: z
      .array(
        z.object({
          name: z.enum(Object.keys(CHURN_WEIGHTS) as [keyof typeof CHURN_WEIGHTS, ...(keyof typeof CHURN_WEIGHTS)[]]),
          value: z.number().nullable().describe('The raw value; null without data'),
          contribution: z.number().describe('Log-odds this feature adds to the score: positive raises the risk'),
        }),
      )
      .describe('Why: every feature of the model with its contribution'),
  })
  .meta({ id: 'ChurnRisk' });

export const customerScoresSchema = z
  .object({
    contactId: z.string(),
    recency: score.optional().describe('Quintile of days since the last order, 5 = most recent; absent without orders'),
    frequency: score.optional().describe('Quintile of the number of orders, 5 = most'),
    monetary: score.optional().describe('Quintile of spend in the main currency, 5 = most'),
    rfm: z.string().regex(/^[1-5]-[1-5]-[1-5]$/).optional().describe("'R-F-M'"),
    lastOrderAt: z.iso.datetime().optional(),
    orderCount: z.int().min(0),
    monetaryMinor: z.int().min(0).describe('Spend in `currency`, minor units'),
    currency: z.string().optional().describe("The workspace's main currency: the one most customers bought in"),
    churnRisk: churnRiskSchema,
    computedAt: z.iso.datetime().describe('When the run that computed them started'),
  })
  .meta({ id: 'CustomerScores' });

const runSummarySchema = z
  .object({
    runId: z.string(),
    trigger: z.enum(INSIGHTS_TRIGGERS),
    startedAt: z.iso.datetime(),
    finishedAt: z.iso.datetime(),
    customersScored: z.int().min(0).describe('Contacts given churn risk'),
    customersRanked: z.int().min(0).describe('Of them, customers with an order, given RFM'),
    productsWithRules: z.int().min(0),
    mainCurrency: z.string().nullable(),
  })
  .meta({ id: 'InsightsRunSummary' });

export const insightsStatusSchema = z
  .object({
    runId: z.string(),
    status: z.enum(INSIGHTS_STATUSES),
    phase: z.enum(INSIGHTS_PHASES).describe('gather: reading customers; rank: thresholds and rules; score: RFM'),
    trigger: z.enum(INSIGHTS_TRIGGERS).describe('schedule: the daily run; request: POST /v1/insights/recompute'),
    startedAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().optional(),
    customersScored: z.int().min(0),
    customersRanked: z.int().min(0),
    productsWithRules: z.int().min(0),
    lastCompleted: runSummarySchema.optional().describe('The last finished run, shown while the next one runs'),
  })
  .meta({ id: 'InsightsStatus' });

/** `?level=&limit=&cursor=` of the churn list. */
export const churnRiskQuery = z.strictObject({
  level: z.enum(CHURN_LEVELS).default('high'),
  limit: z.coerce.number().int('must be a whole number').min(1).max(100).default(25),
  cursor: z.string().max(200).optional(),
});

/** `?product=&limit=&cursor=` of the recommendations. */
export const recommendationsQuery = z.strictObject({
  product: z.string().trim().min(1, 'is required').max(200),
  limit: z.coerce.number().int('must be a whole number').min(1).max(100).default(25),
  cursor: z.string().max(200).optional(),
});

const ruleSchema = z
  .object({
    product: z.string().describe('X: the product bought'),
    recommended: z.string().describe('Y: the product also bought'),
    customers: z.int().min(1).describe('Customers who bought both'),
    support: z.number().describe('Customers with X and Y / customers with an order'),
    confidence: z.number().describe('Customers with X and Y / customers with X'),
    lift: z.number().describe('confidence / support(Y): above 1, Y is likelier with X'),
  })
  .meta({ id: 'AssociationRule' });

const LOCATION = { location: 'The path of the run status' } as const;

export const insightsContracts = {
  recomputeInsights: {
    tag: 'insights',
    request: {},
    responses: {
      202: { description: 'The run is queued (or the one already running is shown): follow it at Location', body: insightsStatusSchema, headers: LOCATION },
    },
  },
  getInsightsStatus: {
    tag: 'insights',
    request: {},
    responses: okWith(insightsStatusSchema, "The workspace's insights run: the current or last one"),
    errors: { 404: 'No run yet: POST /v1/insights/recompute starts one (the daily schedule does too)' },
  },
  getCustomerScores: {
    tag: 'insights',
    request: { params: contactIdParams },
    responses: okWith(customerScoresSchema, "The contact's RFM and churn risk with its features"),
  },
  listChurnRisk: {
    tag: 'insights',
    request: { query: churnRiskQuery },
    responses: okWith(pageOf(customerScoresSchema), 'Customers at one churn level, highest risk first'),
  },
  listRecommendations: {
    tag: 'insights',
    request: { query: recommendationsQuery },
    responses: okWith(
      pageOf(ruleSchema).extend({ computedAt: z.iso.datetime().nullable().describe('When the rules were computed; null: none for this product') }),
      'Customers who bought the product also bought these, best first',
    ),
  },
} satisfies Record<keyof typeof insightsRoutes, RouteContract>;

/** The insights routes with their contracts, as the handlers are built from them. */
export const insightsEndpoints = /* @__PURE__ */ endpointsOf(insightsRoutes, insightsContracts);
