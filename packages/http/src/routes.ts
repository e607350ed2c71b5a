/**
 * The API's route table: the one list that API Gateway (built by the CDK api stack), the local HTTP
 * adapter and the not-found handler all read. A route names its Lambda handler (a file under
 * `functions/`), who may call it, and what AWS access that function needs, so IAM grants follow the
 * route rather than being written by hand per function.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';

export interface RouteAccess {
  /** The single table: read only, or read and write. */
  table?: 'read' | 'readWrite';
  /** Admin calls on the user pool: create, look up, delete, disable and enable users, sign them out. */
  userPoolAdmin?: boolean;
  /** Envelope encryption of personal fields: generate, decrypt and re-encrypt data keys under the field key. */
  fieldKeys?: boolean;
  /** Sending email (invitations). */
  mail?: boolean;
  /** Reading the audit archive and its digests, and the digest signing key's public half. */
  auditArchive?: boolean;
  /** CSV imports: signing upload URLs to, and reading, the imports bucket; queueing import chunks. */
  imports?: boolean;
  /** Writing contact exports to the exports bucket, and reading them back through presigned links. */
  contactExports?: boolean;
  /** Queueing a run of the workspace's insights job. */
  insights?: boolean;
  /** Task reminders: creating and deleting EventBridge Scheduler schedules, and passing their invoker role. */
  reminders?: boolean;
}

import type { Permission } from '@rapport/domain';

export interface RouteDefinition {
  method: HttpMethod;
  /** API Gateway style: `{name}` is a path parameter. */
  path: string;
  /** Path under `functions/`, without extension; one Lambda function per handler. */
  handler: string;
  /**
   * Who may call it: `public` (no token), `member` (any active member of a workspace, for
   * self-service routes), `ingest-key` (a workspace's write-only key for behaviour events, sent
   * as `x-ingest-key`), or the permission the caller's role must hold. Declared on every route;
   * a test proves none is forgotten.
   */
  authorization: 'public' | 'member' | 'ingest-key' | Permission;
  access: RouteAccess;
  /** Answer browsers from any origin (for what a website sends: behaviour events). */
  cors?: boolean;
  /**
   * How long the handler may run, for the few that work through a whole workspace (an export);
   * at most 29, API Gateway's integration timeout. @default 10
   */
  timeoutSeconds?: number;
  summary: string;
}

/*
 * Every route behind a permission may write an audit event (a refusal is audited), and reads of
 * personal data in clear are audited too: hence table write access on read routes.
 */
const PUBLIC = 'public' as const;
const MEMBER = 'member' as const;

export const ROUTES = {
  signup: {
    method: 'POST',
    path: '/v1/signup',
    handler: 'auth/signup',
    authorization: PUBLIC,
    access: { table: 'readWrite', userPoolAdmin: true },
    summary: 'Create a workspace (tenant) and its owner',
  },
  login: {
    method: 'POST',
    path: '/v1/auth/login',
    handler: 'auth/login',
    // Looks the user up to audit failed logins in their workspace.
    authorization: PUBLIC,
    access: { table: 'readWrite', userPoolAdmin: true },
    summary: 'Exchange email and password for tokens',
  },
  refresh: {
    method: 'POST',
    path: '/v1/auth/refresh',
    handler: 'auth/refresh',
    authorization: PUBLIC,
    access: {},
    summary: 'Exchange a refresh token for new access and id tokens',
  },
  acceptInvite: {
    method: 'POST',
    path: '/v1/auth/accept-invite',
    handler: 'auth/accept-invite',
    authorization: PUBLIC,
    access: { table: 'readWrite', userPoolAdmin: true },
    summary: 'Accept an invitation: set a password, then log in as usual',
  },
  logout: {
    method: 'POST',
    path: '/v1/auth/logout',
    handler: 'auth/logout',
    authorization: MEMBER,
    access: { table: 'readWrite', userPoolAdmin: true },
    summary: 'Sign out everywhere: no session of the caller can be used or renewed any more',
  },
  getMe: {
    method: 'GET',
    path: '/v1/me',
    handler: 'me/get-me',
    authorization: MEMBER,
    access: { table: 'read' },
    summary: 'The caller, their workspace, role and permissions',
  },
  changePassword: {
    method: 'POST',
    path: '/v1/me/password',
    handler: 'me/change-password',
    authorization: MEMBER,
    access: { table: 'readWrite' },
    summary: "Change one's own password, proven by the current one",
  },
  createContact: {
    method: 'POST',
    path: '/v1/contacts',
    handler: 'contacts/create-contact',
    authorization: 'contacts:write',
    access: { table: 'readWrite', fieldKeys: true },
    summary: 'Create a contact',
  },
  listContacts: {
    method: 'GET',
    path: '/v1/contacts',
    handler: 'contacts/list-contacts',
    authorization: 'contacts:read',
    access: { table: 'readWrite', fieldKeys: true },
    summary: 'List contacts, oldest first, with cursor pagination, or find them by exact email',
  },
  exportContacts: {
    method: 'GET',
    path: '/v1/contacts/export',
    handler: 'contacts/export-contacts',
    authorization: 'contacts:export',
    access: { table: 'readWrite', fieldKeys: true, contactExports: true },
    timeoutSeconds: 29,
    summary: 'Export the contacts as CSV or JSON Lines into a file, and answer with a short-lived link to it',
  },
  getContact: {
    method: 'GET',
    path: '/v1/contacts/{id}',
    handler: 'contacts/get-contact',
    authorization: 'contacts:read',
    access: { table: 'readWrite', fieldKeys: true },
    summary: 'Get a contact',
  },
  updateContact: {
    method: 'PATCH',
    path: '/v1/contacts/{id}',
    handler: 'contacts/update-contact',
    authorization: 'contacts:write',
    access: { table: 'readWrite', fieldKeys: true },
    summary: 'Change some fields of a contact',
  },
  deleteContact: {
    method: 'DELETE',
    path: '/v1/contacts/{id}',
    handler: 'contacts/delete-contact',
    authorization: 'contacts:delete',
    access: { table: 'readWrite' },
    summary: 'Delete a contact',
  },
  listPermissions: {
    method: 'GET',
    path: '/v1/permissions',
    handler: 'access/list-permissions',
    authorization: 'roles:read',
    access: { table: 'readWrite' },
    summary: 'The permission catalogue',
  },
  listRoles: {
    method: 'GET',
    path: '/v1/roles',
    handler: 'access/list-roles',
    authorization: 'roles:read',
    access: { table: 'readWrite' },
    summary: 'Built-in and custom roles',
  },
  getRole: {
    method: 'GET',
    path: '/v1/roles/{id}',
    handler: 'access/get-role',
    authorization: 'roles:read',
    access: { table: 'readWrite' },
    summary: 'One role and its permissions',
  },
  createRole: {
    method: 'POST',
    path: '/v1/roles',
    handler: 'access/create-role',
    authorization: 'roles:manage',
    access: { table: 'readWrite' },
    summary: 'Create a custom role',
  },
  updateRole: {
    method: 'PATCH',
    path: '/v1/roles/{id}',
    handler: 'access/update-role',
    authorization: 'roles:manage',
    access: { table: 'readWrite' },
    summary: 'Rename a custom role or change its permissions',
  },
  deleteRole: {
    method: 'DELETE',
    path: '/v1/roles/{id}',
    handler: 'access/delete-role',
    authorization: 'roles:manage',
    access: { table: 'readWrite' },
    summary: 'Delete a custom role no one has',
  },
  listUsers: {
    method: 'GET',
    path: '/v1/users',
    handler: 'access/list-users',
    authorization: 'users:read',
    access: { table: 'readWrite' },
    summary: 'The workspace users, their roles and status',
  },
  inviteUser: {
    method: 'POST',
    path: '/v1/users',
    handler: 'access/invite-user',
    authorization: 'users:manage',
    access: { table: 'readWrite', userPoolAdmin: true, mail: true },
    summary: 'Invite a user by email with a role',
  },
  updateUser: {
    method: 'PATCH',
    path: '/v1/users/{id}',
    handler: 'access/update-user',
    authorization: 'users:manage',
    access: { table: 'readWrite', userPoolAdmin: true },
    summary: "Change a user's role, name, or disable / enable them",
  },
  deleteUser: {
    method: 'DELETE',
    path: '/v1/users/{id}',
    handler: 'access/delete-user',
    authorization: 'users:manage',
    access: { table: 'readWrite', userPoolAdmin: true },
    summary: 'Remove a user from the workspace',
  },
  rotateKeys: {
    method: 'POST',
    path: '/v1/tenant/keys/rotate',
    handler: 'tenant/rotate-keys',
    authorization: 'settings:manage',
    access: { table: 'readWrite', fieldKeys: true },
    summary: "Rotate the workspace's data encryption key",
  },
  offboardTenant: {
    method: 'DELETE',
    path: '/v1/tenant',
    handler: 'tenant/offboard-tenant',
    authorization: 'tenant:delete',
    access: { table: 'readWrite', userPoolAdmin: true },
    summary: 'Close the workspace: destroy its keys, then its data; returns a receipt',
  },
  listAuditEvents: {
    method: 'GET',
    path: '/v1/audit/events',
    handler: 'audit/list-audit-events',
    authorization: 'audit:read',
    access: { table: 'readWrite', auditArchive: true },
    summary: 'Audit events, filtered by actor, action, target and time',
  },
  verifyAudit: {
    method: 'POST',
    path: '/v1/audit/verify',
    handler: 'audit/verify-audit',
    authorization: 'audit:read',
    access: { table: 'readWrite', auditArchive: true },
    summary: 'Recompute the hash chain and digests of a period and name any tampering',
  },
  exportAudit: {
    method: 'GET',
    path: '/v1/audit/export',
    handler: 'audit/export-audit',
    authorization: 'audit:read',
    access: { table: 'readWrite', auditArchive: true },
    summary: 'A period as evidence: events, digests and the signing public key',
  },
  // ── Customer records: companies, transactions, interactions, feedback, the 360 view ──
  createCompany: {
    method: 'POST',
    path: '/v1/companies',
    handler: 'companies/create-company',
    authorization: 'contacts:write',
    access: { table: 'readWrite', fieldKeys: true },
    summary: 'Create a company (account)',
  },
  listCompanies: {
    method: 'GET',
    path: '/v1/companies',
    handler: 'companies/list-companies',
    authorization: 'contacts:read',
    access: { table: 'readWrite', fieldKeys: true },
    summary: 'List companies, oldest first, with cursor pagination',
  },
  getCompany: {
    method: 'GET',
    path: '/v1/companies/{id}',
    handler: 'companies/get-company',
    authorization: 'contacts:read',
    access: { table: 'readWrite', fieldKeys: true },
    summary: 'Get a company',
  },
  updateCompany: {
    method: 'PATCH',
    path: '/v1/companies/{id}',
    handler: 'companies/update-company',
    authorization: 'contacts:write',
    access: { table: 'readWrite', fieldKeys: true },
    summary: 'Change some fields of a company',
  },
  deleteCompany: {
    method: 'DELETE',
    path: '/v1/companies/{id}',
    handler: 'companies/delete-company',
    authorization: 'contacts:delete',
    access: { table: 'readWrite' },
    summary: 'Delete a company no contact belongs to',
  },
  addTransaction: {
    method: 'POST',
    path: '/v1/contacts/{id}/transactions',
    handler: 'customers/add-transaction',
    authorization: 'contacts:write',
    access: { table: 'readWrite' },
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
  // ── Custom fields: the workspace's own fields on contacts and companies ──
  listFields: {
    method: 'GET',
    path: '/v1/fields',
    handler: 'fields/list-fields',
    authorization: 'contacts:read',
    access: { table: 'readWrite' },
    summary: 'The custom fields defined on contacts and companies, oldest first, with cursor pagination',
  },
  createField: {
    method: 'POST',
    path: '/v1/fields',
    handler: 'fields/create-field',
    authorization: 'settings:manage',
    access: { table: 'readWrite' },
    summary: 'Define a custom field on contacts or companies',
  },
  getField: {
    method: 'GET',
    path: '/v1/fields/{id}',
    handler: 'fields/get-field',
    authorization: 'contacts:read',
    access: { table: 'readWrite' },
    summary: 'One custom field definition',
  },
  updateField: {
    method: 'PATCH',
    path: '/v1/fields/{id}',
    handler: 'fields/update-field',
    authorization: 'settings:manage',
    access: { table: 'readWrite' },
    summary: "Change a custom field's label, options or whether it is required",
  },
  deleteField: {
    method: 'DELETE',
    path: '/v1/fields/{id}',
    handler: 'fields/delete-field',
    authorization: 'settings:manage',
    access: { table: 'readWrite' },
    summary: 'Delete a custom field; its values are no longer shown and go with the next write of each record',
  },
  // ── Data quality ──
  listContactDuplicates: {
    method: 'GET',
    path: '/v1/contacts/{id}/duplicates',
    handler: 'contacts/list-contact-duplicates',
    authorization: 'contacts:read',
    access: { table: 'readWrite', fieldKeys: true },
    summary: 'Contacts that may be the same person: same email, same phone, or a similar name at a similar company',
  },
  mergeContact: {
    method: 'POST',
    path: '/v1/contacts/{id}/merge',
    handler: 'contacts/merge-contact',
    authorization: 'contacts:write',
    access: { table: 'readWrite', fieldKeys: true },
    summary: 'Merge another contact into this one, with its orders, timeline, feedback and behaviour; undoable for 30 days',
  },
  undoContactMerge: {
    method: 'POST',
    path: '/v1/contacts/{id}/merge/{mergeId}/undo',
    handler: 'contacts/undo-contact-merge',
    authorization: 'contacts:write',
    access: { table: 'readWrite', fieldKeys: true },
    summary: 'Undo a merge: the merged contact comes back with its records, this one as it was',
  },
  contactCompleteness: {
    method: 'GET',
    path: '/v1/contacts/completeness',
    handler: 'contacts/get-contact-completeness',
    // A figure over every contact of the workspace, so only for those who may see them all.
    authorization: 'contacts:read_all',
    access: { table: 'readWrite' },
    summary: "The workspace's profile completeness: average score and the share of contacts having each field",
  },
  // ── Behaviour events and ingest keys ──
  ingestEvents: {
    method: 'POST',
    path: '/v1/events',
    handler: 'behaviour/ingest-events',
    authorization: 'ingest-key',
    access: { table: 'readWrite', fieldKeys: true },
    cors: true,
    summary: "Record a batch (up to 500) of page views, clicks and dwell time from the workspace's site",
  },
  eventsPreflight: {
    method: 'OPTIONS',
    path: '/v1/events',
    handler: 'behaviour/events-preflight',
    authorization: PUBLIC,
    access: {},
    cors: true,
    summary: "CORS preflight, so a browser on the workspace's site may send events",
  },
  createIngestKey: {
    method: 'POST',
    path: '/v1/ingest-keys',
    handler: 'behaviour/create-ingest-key',
    authorization: 'settings:manage',
    access: { table: 'readWrite' },
    summary: 'Create a key for sending behaviour events; its secret is shown once',
  },
  listIngestKeys: {
    method: 'GET',
    path: '/v1/ingest-keys',
    handler: 'behaviour/list-ingest-keys',
    authorization: 'settings:manage',
    access: { table: 'readWrite' },
    summary: 'The workspace ingest keys (never their secrets)',
  },
  deleteIngestKey: {
    method: 'DELETE',
    path: '/v1/ingest-keys/{id}',
    handler: 'behaviour/delete-ingest-key',
    authorization: 'settings:manage',
    access: { table: 'readWrite' },
    summary: 'Revoke an ingest key',
  },
  // ── CSV imports: the file goes to S3 through an upload URL, the worker imports it in chunks ──
  createImport: {
    method: 'POST',
    path: '/v1/imports',
    handler: 'imports/create-import',
    authorization: 'contacts:write',
    access: { table: 'readWrite', imports: true },
    summary: 'Start a CSV import of contacts, companies or orders; answers with the URL to PUT the file to',
  },
  getImport: {
    method: 'GET',
    path: '/v1/imports/{id}',
    handler: 'imports/get-import',
    authorization: 'contacts:write',
    access: { table: 'readWrite' },
    summary: "An import's status, progress and row errors",
  },
  previewImport: {
    method: 'GET',
    path: '/v1/imports/{id}/preview',
    handler: 'imports/preview-import',
    authorization: 'contacts:write',
    access: { table: 'readWrite', imports: true },
    summary: "The uploaded file's headers, first 20 rows and a suggested column mapping",
  },
  mapImport: {
    method: 'PUT',
    path: '/v1/imports/{id}/mapping',
    handler: 'imports/map-import',
    authorization: 'contacts:write',
    access: { table: 'readWrite' },
    summary: 'Say which field each column of the file fills',
  },
  dryRunImport: {
    method: 'POST',
    path: '/v1/imports/{id}/dry-run',
    handler: 'imports/dry-run-import',
    authorization: 'contacts:write',
    access: { table: 'readWrite', fieldKeys: true, imports: true },
    summary: 'Validate every row as the import would, find duplicates, write nothing',
  },
  commitImport: {
    method: 'POST',
    path: '/v1/imports/{id}/commit',
    handler: 'imports/commit-import',
    authorization: 'contacts:write',
    access: { table: 'readWrite', imports: true },
    summary: 'Start importing the rows (again on a running import: resume it); follow it with GET /v1/imports/{id}',
  },
  // ── Webhooks: signed outbound events per workspace ──
  createWebhook: {
    method: 'POST',
    path: '/v1/webhooks',
    handler: 'webhooks/create-webhook',
    authorization: 'settings:manage',
    access: { table: 'readWrite', fieldKeys: true },
    summary: 'Subscribe a URL to domain events; its signing secret is shown once',
  },
  listWebhooks: {
    method: 'GET',
    path: '/v1/webhooks',
    handler: 'webhooks/list-webhooks',
    authorization: 'settings:manage',
    access: { table: 'readWrite' },
    summary: 'The workspace webhooks (never their secrets)',
  },
  getWebhook: {
    method: 'GET',
    path: '/v1/webhooks/{id}',
    handler: 'webhooks/get-webhook',
    authorization: 'settings:manage',
    access: { table: 'readWrite' },
    summary: 'One webhook subscription',
  },
  updateWebhook: {
    method: 'PATCH',
    path: '/v1/webhooks/{id}',
    handler: 'webhooks/update-webhook',
    authorization: 'settings:manage',
    access: { table: 'readWrite' },
    summary: "Change a webhook's URL, events or description, or pause it",
  },
  deleteWebhook: {
    method: 'DELETE',
    path: '/v1/webhooks/{id}',
    handler: 'webhooks/delete-webhook',
    authorization: 'settings:manage',
    access: { table: 'readWrite' },
    summary: 'Remove a webhook subscription',
  },
  rotateWebhookSecret: {
    method: 'POST',
    path: '/v1/webhooks/{id}/rotate-secret',
    handler: 'webhooks/rotate-webhook-secret',
    authorization: 'settings:manage',
    access: { table: 'readWrite', fieldKeys: true },
    summary: "Replace a webhook's signing secret; the new one is shown once",
  },
  listWebhookDeliveries: {
    method: 'GET',
    path: '/v1/webhooks/{id}/deliveries',
    handler: 'webhooks/list-webhook-deliveries',
    authorization: 'settings:manage',
    access: { table: 'readWrite' },
    summary: "A webhook's delivery attempts of the last 30 days, newest first",
  },
  // ── Marketing: segments and campaigns ──
  createSegment: {
    method: 'POST',
    path: '/v1/segments',
    handler: 'marketing/create-segment',
    authorization: 'marketing:write',
    access: { table: 'readWrite' },
    summary: 'Save a segment: rules over profile fields, RFM scores, purchases and behaviour',
  },
  listSegments: {
    method: 'GET',
    path: '/v1/segments',
    handler: 'marketing/list-segments',
    authorization: 'marketing:read',
    access: { table: 'read' },
    summary: "The workspace's segments, oldest first",
  },
  getSegment: {
    method: 'GET',
    path: '/v1/segments/{id}',
    handler: 'marketing/get-segment',
    authorization: 'marketing:read',
    access: { table: 'read' },
    summary: 'A segment and its rules',
  },
  updateSegment: {
    method: 'PATCH',
    path: '/v1/segments/{id}',
    handler: 'marketing/update-segment',
    authorization: 'marketing:write',
    access: { table: 'readWrite' },
    summary: "Change a segment's name or rules (launched campaigns keep their audiences)",
  },
  deleteSegment: {
    method: 'DELETE',
    path: '/v1/segments/{id}',
    handler: 'marketing/delete-segment',
    authorization: 'marketing:write',
    access: { table: 'readWrite' },
    summary: 'Delete a segment',
  },
  listSegmentMembers: {
    method: 'GET',
    path: '/v1/segments/{id}/members',
    handler: 'marketing/list-segment-members',
    authorization: 'marketing:read',
    access: { table: 'read' },
    summary: "A page of the segment's members now, in contact order, with why each matched",
  },
  countSegmentMembers: {
    method: 'GET',
    path: '/v1/segments/{id}/count',
    handler: 'marketing/count-segment-members',
    authorization: 'marketing:read',
    access: { table: 'read' },
    summary: 'How many contacts match the segment now, and what evaluating it read',
  },
  createCampaign: {
    method: 'POST',
    path: '/v1/campaigns',
    handler: 'marketing/create-campaign',
    authorization: 'marketing:write',
    access: { table: 'readWrite' },
    summary: 'Plan a campaign on a channel to a segment (a draft)',
  },
  listCampaigns: {
    method: 'GET',
    path: '/v1/campaigns',
    handler: 'marketing/list-campaigns',
    authorization: 'marketing:read',
    access: { table: 'read' },
    summary: "The workspace's campaigns, oldest first",
  },
  getCampaignPerformance: {
    method: 'GET',
    path: '/v1/campaigns/performance',
    handler: 'marketing/get-campaign-performance',
    authorization: 'marketing:read',
    access: { table: 'read' },
    summary: 'Per channel: campaigns launched in a period, audience, conversions, conversion rate and value',
  },
  getCampaign: {
    method: 'GET',
    path: '/v1/campaigns/{id}',
    handler: 'marketing/get-campaign',
    authorization: 'marketing:read',
    access: { table: 'read' },
    summary: 'A campaign with its counters',
  },
  updateCampaign: {
    method: 'PATCH',
    path: '/v1/campaigns/{id}',
    handler: 'marketing/update-campaign',
    authorization: 'marketing:write',
    access: { table: 'readWrite' },
    summary: 'Change a campaign, or complete a launched one',
  },
  deleteCampaign: {
    method: 'DELETE',
    path: '/v1/campaigns/{id}',
    handler: 'marketing/delete-campaign',
    authorization: 'marketing:write',
    access: { table: 'readWrite' },
    summary: 'Delete a campaign with its audience and conversions',
  },
  launchCampaign: {
    method: 'POST',
    path: '/v1/campaigns/{id}/launch',
    handler: 'marketing/launch-campaign',
    authorization: 'marketing:write',
    access: { table: 'readWrite' },
    summary: 'Launch a draft: evaluate its segment once and fix the audience',
  },
  recordCampaignConversion: {
    method: 'POST',
    path: '/v1/campaigns/{id}/conversions',
    handler: 'marketing/record-campaign-conversion',
    authorization: 'marketing:write',
    access: { table: 'readWrite' },
    summary: 'Record that an audience member converted (once per contact)',
  },
  // ── Service: tickets, SLA targets, satisfaction surveys ──
  getSlaPolicy: {
    method: 'GET',
    path: '/v1/tickets/sla',
    handler: 'tickets/get-sla-policy',
    authorization: 'tickets:read',
    access: { table: 'readWrite' },
    summary: 'The first-response and resolution targets per priority, in calendar minutes',
  },
  updateSlaPolicy: {
    method: 'PUT',
    path: '/v1/tickets/sla',
    handler: 'tickets/update-sla-policy',
    authorization: 'tickets:manage',
    access: { table: 'readWrite' },
    summary: 'Set the SLA targets per priority (tickets created from now on)',
  },
  createTicket: {
    method: 'POST',
    path: '/v1/tickets',
    handler: 'tickets/create-ticket',
    authorization: 'tickets:write',
    access: { table: 'readWrite', fieldKeys: true },
    summary: 'Open a ticket; its due times come from the SLA policy',
  },
  listTickets: {
    method: 'GET',
    path: '/v1/tickets',
    handler: 'tickets/list-tickets',
    authorization: 'tickets:read',
    access: { table: 'readWrite', fieldKeys: true },
    summary: 'Tickets, filtered by status, priority, assignee, contact, or breached=true',
  },
  getTicket: {
    method: 'GET',
    path: '/v1/tickets/{id}',
    handler: 'tickets/get-ticket',
    authorization: 'tickets:read',
    access: { table: 'readWrite', fieldKeys: true },
    summary: 'One ticket with its SLA state',
  },
  updateTicket: {
    method: 'PATCH',
    path: '/v1/tickets/{id}',
    handler: 'tickets/update-ticket',
    authorization: 'tickets:write',
    access: { table: 'readWrite', fieldKeys: true, mail: true },
    summary: "Change a ticket's subject, priority, assignee or status",
  },
  replyToTicket: {
    method: 'POST',
    path: '/v1/tickets/{id}/replies',
    handler: 'tickets/reply-to-ticket',
    authorization: 'tickets:write',
    access: { table: 'readWrite', fieldKeys: true },
    summary: "An agent's reply; the first one is the first response",
  },
  resolveTicket: {
    method: 'POST',
    path: '/v1/tickets/{id}/resolve',
    handler: 'tickets/resolve-ticket',
    authorization: 'tickets:write',
    access: { table: 'readWrite', fieldKeys: true, mail: true },
    summary: 'Resolve a ticket; its contact is emailed a satisfaction survey',
  },
  reopenTicket: {
    method: 'POST',
    path: '/v1/tickets/{id}/reopen',
    handler: 'tickets/reopen-ticket',
    authorization: 'tickets:write',
    access: { table: 'readWrite', fieldKeys: true },
    summary: 'Open a resolved ticket again',
  },
  answerSurvey: {
    method: 'POST',
    path: '/v1/surveys/{token}',
    handler: 'tickets/answer-survey',
    authorization: PUBLIC,
    access: { table: 'readWrite', fieldKeys: true },
    summary: "A customer's satisfaction rating (1-5) from the survey link; works once",
  },
  // ── Tasks: follow-ups, calls and visits due at a time, with reminders ──
  createTask: {
    method: 'POST',
    path: '/v1/tasks',
    handler: 'tasks/create-task',
    authorization: 'tasks:write',
    access: { table: 'readWrite', fieldKeys: true, reminders: true },
    summary: 'Create a task (follow-up, call, visit…) due at a time and assigned to a user; its reminder fires then',
  },
  listTasks: {
    method: 'GET',
    path: '/v1/tasks',
    handler: 'tasks/list-tasks',
    authorization: 'tasks:read',
    access: { table: 'readWrite', fieldKeys: true },
    summary: 'Tasks in due order, by status, assignee or contact; due today (in a time zone) or overdue',
  },
  getTask: {
    method: 'GET',
    path: '/v1/tasks/{id}',
    handler: 'tasks/get-task',
    authorization: 'tasks:read',
    access: { table: 'readWrite', fieldKeys: true },
    summary: 'One task',
  },
  updateTask: {
    method: 'PATCH',
    path: '/v1/tasks/{id}',
    handler: 'tasks/update-task',
    authorization: 'tasks:write',
    access: { table: 'readWrite', fieldKeys: true, reminders: true },
    summary: "Change a task; a new due time moves its reminder",
  },
  deleteTask: {
    method: 'DELETE',
    path: '/v1/tasks/{id}',
    handler: 'tasks/delete-task',
    authorization: 'tasks:write',
    access: { table: 'readWrite', reminders: true },
    summary: 'Delete a task and its reminder',
  },
  completeTask: {
    method: 'POST',
    path: '/v1/tasks/{id}/complete',
    handler: 'tasks/complete-task',
    authorization: 'tasks:write',
    access: { table: 'readWrite', fieldKeys: true, reminders: true },
    summary: 'Mark a task done; its reminder no longer fires',
  },
  // ── The API itself ──
  getOpenApi: {
    method: 'GET',
    path: '/v1/openapi.json',
    handler: 'system/get-openapi',
    authorization: PUBLIC,
    access: {},
    summary: 'This API as an OpenAPI 3.1 document',
  },
  // ── Analytics: the CRM numbers, read from aggregates the table stream keeps current ──
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
  // ── Sales: pipelines, deals, the forecast, lead conversion ──
  createPipeline: {
    method: 'POST',
    path: '/v1/pipelines',
    handler: 'sales/create-pipeline',
    authorization: 'pipelines:manage',
    access: { table: 'readWrite' },
    summary: 'Create a sales pipeline with its ordered stages',
  },
  listPipelines: {
    method: 'GET',
    path: '/v1/pipelines',
    handler: 'sales/list-pipelines',
    authorization: 'deals:read',
    access: { table: 'readWrite' },
    summary: "List the workspace's pipelines (the default one first), with cursor pagination",
  },
  getPipeline: {
    method: 'GET',
    path: '/v1/pipelines/{id}',
    handler: 'sales/get-pipeline',
    authorization: 'deals:read',
    access: { table: 'readWrite' },
    summary: 'Get a pipeline and its stages',
  },
  updatePipeline: {
    method: 'PATCH',
    path: '/v1/pipelines/{id}',
    handler: 'sales/update-pipeline',
    authorization: 'pipelines:manage',
    access: { table: 'readWrite' },
    summary: 'Rename a pipeline or change its stages (a stage with open deals cannot be removed)',
  },
  createDeal: {
    method: 'POST',
    path: '/v1/deals',
    handler: 'sales/create-deal',
    authorization: 'deals:write',
    access: { table: 'readWrite' },
    summary: 'Create a deal with a contact',
  },
  listDeals: {
    method: 'GET',
    path: '/v1/deals',
    handler: 'sales/list-deals',
    authorization: 'deals:read',
    access: { table: 'readWrite' },
    summary: 'List deals, oldest first, filtered by pipeline, stage, status or owner, with cursor pagination',
  },
  getDealForecast: {
    method: 'GET',
    path: '/v1/deals/forecast',
    handler: 'sales/get-deal-forecast',
    authorization: 'deals:read',
    access: { table: 'readWrite' },
    summary: "A pipeline's forecast: open amounts weighted by stage probability, and won amounts, by stage and month",
  },
  getDeal: {
    method: 'GET',
    path: '/v1/deals/{id}',
    handler: 'sales/get-deal',
    authorization: 'deals:read',
    access: { table: 'readWrite' },
    summary: 'Get a deal with its stage history',
  },
  updateDeal: {
    method: 'PATCH',
    path: '/v1/deals/{id}',
    handler: 'sales/update-deal',
    authorization: 'deals:write',
    access: { table: 'readWrite' },
    summary: "Change a deal's title, amount, expected close date, company or owner",
  },
  deleteDeal: {
    method: 'DELETE',
    path: '/v1/deals/{id}',
    handler: 'sales/delete-deal',
    authorization: 'deals:write',
    access: { table: 'readWrite' },
    summary: 'Delete a deal',
  },
  moveDeal: {
    method: 'POST',
    path: '/v1/deals/{id}/move',
    handler: 'sales/move-deal',
    authorization: 'deals:write',
    access: { table: 'readWrite' },
    summary: 'Move an open deal to another stage of its pipeline',
  },
  winDeal: {
    method: 'POST',
    path: '/v1/deals/{id}/won',
    handler: 'sales/win-deal',
    authorization: 'deals:write',
    access: { table: 'readWrite' },
    summary: 'Mark an open deal won',
  },
  loseDeal: {
    method: 'POST',
    path: '/v1/deals/{id}/lost',
    handler: 'sales/lose-deal',
    authorization: 'deals:write',
    access: { table: 'readWrite' },
    summary: 'Mark an open deal lost, with the reason',
  },
  convertContact: {
    method: 'POST',
    path: '/v1/contacts/{id}/convert',
    handler: 'sales/convert-contact',
    authorization: 'deals:write',
    access: { table: 'readWrite' },
    summary: 'Convert a lead into a prospect with its first deal',
  },
  // ── Insights: scores, churn risk, recommendations ──
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

export type RouteId = keyof typeof ROUTES;

/** Answers every request that matches no route: 404, or 405 with `Allow` for a known path. */
export const FALLBACK_HANDLER = 'system/not-found';

/** Every handler file, for the bundler and the local adapter. */
export function allHandlers(): string[] {
  return [...new Set([...Object.values(ROUTES).map((route) => route.handler), FALLBACK_HANDLER])];
}
