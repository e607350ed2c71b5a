import type { RouteId } from '../routes';
import type { RouteContract } from './contract';
import { accessContracts } from './contracts/access';
import { auditContracts } from './contracts/audit';
import { behaviourContracts } from './contracts/behaviour';
import { companyContracts } from './contracts/companies';
import { contactContracts } from './contracts/contacts';
import { customerContracts } from './contracts/customers';
import { fieldContracts } from './contracts/fields';
import { importContracts } from './contracts/imports';
import { sessionContracts } from './contracts/session';
import { systemContracts } from './contracts/system';
import { tenantContracts } from './contracts/tenant';
import { webhookContracts } from './contracts/webhooks';
import { marketingContracts } from './contracts/marketing';
import { analyticsContracts } from './contracts/analytics';
import { salesContracts } from './contracts/sales';
import { ticketContracts } from './contracts/tickets';
import { insightsContracts } from './contracts/insights';
import { taskContracts } from './contracts/tasks';
import { privacyContracts } from './contracts/privacy';

/**
 * The contract of every route in the route table, keyed like it: a route without a contract does
 * not compile. The OpenAPI document is generated from these, and `createHttpHandler` refuses a
 * handler that validates with other schemas than its contract's, so the document cannot drift
 * from what the API accepts.
 */
export const ROUTE_CONTRACTS = {
  ...sessionContracts,
  ...accessContracts,
  ...contactContracts,
  ...companyContracts,
  ...customerContracts,
  ...fieldContracts,
  ...tenantContracts,
  ...auditContracts,
  ...behaviourContracts,
  ...importContracts,
  ...webhookContracts,
  ...ticketContracts,
  ...systemContracts,
  ...marketingContracts,
  ...analyticsContracts,
  ...salesContracts,
  ...insightsContracts,
  ...taskContracts,
  ...privacyContracts,
} satisfies Record<RouteId, RouteContract>;
