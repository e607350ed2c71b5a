import { ANALYTICS_GROUPINGS, analyticsQuerySchema } from '@rapport/domain';
import * as z from 'zod';
import { okWith, type RouteContract } from '../contract';
import { endpointsOf } from '../../endpoint';
import { analyticsRoutes } from '../../routes/analytics';

/** `?from=&to=&by=` of every analytics report (the domain's schema, so the document shows what is checked). */
export const analyticsQuery = analyticsQuerySchema;

const rate = z.number().min(0).max(1).nullable().describe('A share 0–1, rounded to 4 decimals; null when there is nothing to divide by');
const reportOf = <T extends z.ZodRawShape>(name: string, row: T) =>
  z
    .object({
      from: z.string().describe('First month counted (YYYY-MM, UTC)'),
      to: z.string().describe('Last month counted'),
      by: z.enum(ANALYTICS_GROUPINGS),
      rows: z.array(z.object({ group: z.string().describe('The month (YYYY-MM) or the region, channel or owner id'), ...row })),
    })
    .meta({ id: name });

const satisfactionReport = reportOf('SatisfactionReport', {
  csat: z.object({
    responses: z.int(),
    satisfied: z.int().describe('Ratings of 4 or 5 (of 1–5)'),
    satisfiedShare: rate.describe('CSAT: satisfied ÷ responses'),
    averageScore: z.number().nullable().describe('Mean rating, 1 decimal'),
  }),
  nps: z.object({
    responses: z.int(),
    promoters: z.int().describe('Answers of 9 or 10'),
    detractors: z.int().describe('Answers of 0 to 6'),
    score: z.number().min(-100).max(100).nullable().describe('NPS: % promoters − % detractors, 1 decimal'),
  }),
});

const conversionReport = reportOf('ConversionReport', {
  contactsCreated: z.int().describe('Contacts created in the months counted'),
  customers: z.int().describe('Of those, the ones now customers (or churned customers)'),
  conversionRate: rate.describe('customers ÷ contactsCreated'),
  deals: z.object({
    created: z.int().describe('Deals created in the months counted'),
    won: z.int().describe('Deals won in the months counted'),
    lost: z.int().describe('Deals lost in the months counted'),
    winRate: rate.describe('won ÷ (won + lost)'),
    stages: z.array(
      z.object({ pipelineId: z.string(), stageId: z.string(), reached: z.int().describe('Deals created in the months counted that reached the stage'), rate: rate.describe("reached ÷ the pipeline's deals created") }),
    ),
  }),
});

const retentionReport = reportOf('RetentionReport', {
  activeCustomers: z.int().describe('Customers who ordered, summed over the months counted'),
  previousActive: z.int().describe('Customers who ordered in the month before each month counted'),
  retained: z.int().describe('Of those, the ones who ordered again in the month after'),
  retentionRate: rate.describe('retained ÷ previousActive'),
  churnRate: rate.describe('1 − retentionRate'),
});

const revenueReport = reportOf('RevenueReport', {
  orders: z.int(),
  activeCustomers: z.int().describe('Customers who ordered, summed over the months counted (customer-months)'),
  newCustomers: z.int().describe('Customers whose first order falls in the months counted'),
  repeatCustomers: z.int().describe('Of those, the ones with 2 or more orders to date'),
  repurchaseRate: rate.describe('repeatCustomers ÷ newCustomers'),
  currencies: z.array(
    z.object({
      currency: z.string().describe('ISO 4217: amounts are never added across currencies'),
      revenueMinor: z.int().describe('Revenue of the months counted, in minor units'),
      activeCustomers: z.int().describe('Customer-months with an order in this currency'),
      arpuMinor: z.number().nullable().describe('ARPU: revenueMinor ÷ activeCustomers (per active customer and month), 1 decimal'),
      cohortCustomers: z.int().describe('New customers of the months counted who ordered in this currency'),
      cohortRevenueMinor: z.int().describe('Their revenue in this currency to date'),
      lifetimeValueMinor: z.number().nullable().describe('CLV (historical average): cohortRevenueMinor ÷ cohortCustomers, 1 decimal'),
    }),
  ),
});

const serviceReport = reportOf('ServiceReport', {
  ticketsCreated: z.int(),
  firstResponses: z.int().describe('Tickets first answered in the months counted'),
  averageFirstResponseSeconds: z.number().nullable(),
  firstResponseBreachRate: rate,
  resolutions: z.int().describe('Tickets resolved in the months counted'),
  averageResolutionSeconds: z.number().nullable(),
  resolutionBreachRate: rate,
});

export const analyticsContracts = {
  getAnalyticsSatisfaction: { tag: 'analytics', request: { query: analyticsQuery }, responses: okWith(satisfactionReport, 'CSAT and NPS of the months asked') },
  getAnalyticsConversion: { tag: 'analytics', request: { query: analyticsQuery }, responses: okWith(conversionReport, 'Contact and deal conversion of the months asked') },
  getAnalyticsRetention: { tag: 'analytics', request: { query: analyticsQuery }, responses: okWith(retentionReport, 'Retention and churn of the months asked') },
  getAnalyticsRevenue: { tag: 'analytics', request: { query: analyticsQuery }, responses: okWith(revenueReport, 'Revenue, ARPU, repurchase rate and CLV of the months asked') },
  getAnalyticsService: { tag: 'analytics', request: { query: analyticsQuery }, responses: okWith(serviceReport, 'Ticket response and resolution times of the months asked') },
} satisfies Record<keyof typeof analyticsRoutes, RouteContract>;

/** The analytics routes with their contracts, as the handlers are built from them. */
export const analyticsEndpoints = /* @__PURE__ */ endpointsOf(analyticsRoutes, analyticsContracts);
