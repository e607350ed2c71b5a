import type { RouteDefinition } from './route-definition';

/** The analytics routes (see `route-definition.ts`); their contracts are in `../openapi/contracts/analytics.ts`. */
export const analyticsRoutes = {
  getAnalyticsSatisfaction: {
    method: 'GET',
    path: '/v1/analytics/satisfaction',
    handler: 'analytics/get-satisfaction',
    authorization: 'analytics:read',
    access: { table: 'readWrite' },
    summary: 'Customer satisfaction: CSAT (share of 4–5 ratings, average score) and NPS, per month, region, channel or owner',
  },
  getAnalyticsConversion: {
    method: 'GET',
    path: '/v1/analytics/conversion',
    handler: 'analytics/get-conversion',
    authorization: 'analytics:read',
    access: { table: 'readWrite' },
    summary: 'Lead → customer conversion of contacts created, deal conversion per stage and win rate',
  },
  getAnalyticsRetention: {
    method: 'GET',
    path: '/v1/analytics/retention',
    handler: 'analytics/get-retention',
    authorization: 'analytics:read',
    access: { table: 'readWrite' },
    summary: 'Retention and churn rate per period: customers who ordered in the month before and again',
  },
  getAnalyticsRevenue: {
    method: 'GET',
    path: '/v1/analytics/revenue',
    handler: 'analytics/get-revenue',
    authorization: 'analytics:read',
    access: { table: 'readWrite' },
    summary: 'Revenue per currency, ARPU, repurchase rate and customer lifetime value',
  },
  getAnalyticsService: {
    method: 'GET',
    path: '/v1/analytics/service',
    handler: 'analytics/get-service',
    authorization: 'analytics:read',
    access: { table: 'readWrite' },
    summary: 'Average first-response and resolution times of tickets, and SLA breach rates',
  },
} as const satisfies Record<string, RouteDefinition>;
