import type { RouteDefinition } from './route-definition';

/** The customers routes (see `route-definition.ts`); their contracts are in `../openapi/contracts/customers.ts`. */
export const customerRoutes = {
  addTransaction: {
    method: 'POST',
    path: '/v1/contacts/{id}/transactions',
    handler: 'customers/add-transaction',
    authorization: 'contacts:write',
    access: { table: 'readWrite' },
    idempotent: true,
    summary: 'Record an order of a contact; the amount is computed from its items',
  },
  listTransactions: {
    method: 'GET',
    path: '/v1/contacts/{id}/transactions',
    handler: 'customers/list-transactions',
    authorization: 'contacts:read',
    access: { table: 'readWrite' },
    summary: "A contact's orders, newest first, with cursor pagination",
  },
  addInteraction: {
    method: 'POST',
    path: '/v1/contacts/{id}/interactions',
    handler: 'customers/add-interaction',
    authorization: 'contacts:write',
    access: { table: 'readWrite', fieldKeys: true },
    idempotent: true,
    summary: "Log a call, email, meeting, chat or note on a contact's timeline",
  },
  listInteractions: {
    method: 'GET',
    path: '/v1/contacts/{id}/interactions',
    handler: 'customers/list-interactions',
    authorization: 'contacts:read',
    access: { table: 'readWrite', fieldKeys: true },
    summary: "A contact's timeline, newest first, with cursor pagination",
  },
  addFeedback: {
    method: 'POST',
    path: '/v1/contacts/{id}/feedback',
    handler: 'customers/add-feedback',
    authorization: 'contacts:write',
    access: { table: 'readWrite', fieldKeys: true },
    idempotent: true,
    summary: 'Record a CSAT or NPS rating, a suggestion or a complaint from a contact',
  },
  listFeedback: {
    method: 'GET',
    path: '/v1/contacts/{id}/feedback',
    handler: 'customers/list-feedback',
    authorization: 'contacts:read',
    access: { table: 'readWrite', fieldKeys: true },
    summary: "A contact's feedback, newest first, with cursor pagination",
  },
  getCustomer360: {
    method: 'GET',
    path: '/v1/contacts/{id}/360',
    handler: 'customers/get-customer-360',
    authorization: 'contacts:read',
    access: { table: 'readWrite', fieldKeys: true },
    summary: 'A contact with its company, orders, timeline, feedback and behaviour, in one call',
  },
} as const satisfies Record<string, RouteDefinition>;
