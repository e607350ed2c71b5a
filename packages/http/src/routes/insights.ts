import type { RouteDefinition } from './route-definition';

/** The insights routes (see `route-definition.ts`); their contracts are in `../openapi/contracts/insights.ts`. */
export const insightsRoutes = {
  // Recomputing needs analytics:read, not settings:manage: it changes only derived numbers, never
  // customer data, the managers who read them are the ones who want them fresh, and a request
  // while a run is going joins that run rather than starting another.
  recomputeInsights: {
    method: 'POST',
    path: '/v1/insights/recompute',
    handler: 'insights/recompute-insights',
    authorization: 'analytics:read',
    access: { table: 'readWrite', insights: true },
    summary: "Queue a run of the workspace's scores and recommendations now (they are recomputed daily)",
  },
  getInsightsStatus: {
    method: 'GET',
    path: '/v1/insights/status',
    handler: 'insights/get-insights-status',
    authorization: 'analytics:read',
    access: { table: 'read' },
    summary: "The workspace's insights run: running or finished, with its counts",
  },
  getCustomerScores: {
    method: 'GET',
    path: '/v1/contacts/{id}/scores',
    handler: 'insights/get-customer-scores',
    authorization: 'analytics:read',
    access: { table: 'read' },
    summary: "A contact's RFM scores and churn risk, with the features behind it",
  },
  listChurnRisk: {
    method: 'GET',
    path: '/v1/insights/churn-risk',
    handler: 'insights/list-churn-risk',
    authorization: 'analytics:read',
    access: { table: 'read' },
    summary: 'Customers at a churn level (high by default), highest risk first',
  },
  listRecommendations: {
    method: 'GET',
    path: '/v1/recommendations',
    handler: 'insights/list-recommendations',
    authorization: 'analytics:read',
    access: { table: 'read' },
    summary: 'Customers who bought ?product= also bought: rules with support, confidence and lift',
  },
} as const satisfies Record<string, RouteDefinition>;
