import { accessRoutes } from './routes/access';
import { analyticsRoutes } from './routes/analytics';
import { auditRoutes } from './routes/audit';
import { behaviourRoutes } from './routes/behaviour';
import { companyRoutes } from './routes/companies';
import { contactRoutes } from './routes/contacts';
import { customerRoutes } from './routes/customers';
import { fieldRoutes } from './routes/fields';
import { importRoutes } from './routes/imports';
import { insightsRoutes } from './routes/insights';
import { marketingRoutes } from './routes/marketing';
import { salesRoutes } from './routes/sales';
import { sessionRoutes } from './routes/session';
import { systemRoutes } from './routes/system';
import { taskRoutes } from './routes/tasks';
import { tenantRoutes } from './routes/tenant';
import { ticketRoutes } from './routes/tickets';
import { webhookRoutes } from './routes/webhooks';
import { privacyRoutes } from './routes/privacy';

export { MEMBER, PUBLIC, type HttpMethod, type RouteAccess, type RouteDefinition } from './routes/route-definition';

/**
 * The API's route table: the one list that API Gateway (built by the CDK api stack), the local HTTP
 * adapter, the not-found handler and the OpenAPI document read, assembled from each area's routes
 * (`routes/<area>.ts`). A handler imports only its own area's routes and contracts, so its bundle holds
 * neither this table nor the other areas'.
 */
export const ROUTES = {
  ...sessionRoutes,
  ...accessRoutes,
  ...contactRoutes,
  ...tenantRoutes,
  ...auditRoutes,
  ...companyRoutes,
  ...customerRoutes,
  ...fieldRoutes,
  ...behaviourRoutes,
  ...importRoutes,
  ...webhookRoutes,
  ...marketingRoutes,
  ...ticketRoutes,
  ...taskRoutes,
  ...systemRoutes,
  ...analyticsRoutes,
  ...salesRoutes,
  ...insightsRoutes,
  ...privacyRoutes,
} as const;

export type RouteId = keyof typeof ROUTES;

/** Answers every request that matches no route: 404, or 405 with `Allow` for a known path. */
export const FALLBACK_HANDLER = 'system/not-found';

/** Every handler file, for the bundler and the local adapter. */
export function allHandlers(): string[] {
  return [...new Set([...Object.values(ROUTES).map((route) => route.handler), FALLBACK_HANDLER])];
}
