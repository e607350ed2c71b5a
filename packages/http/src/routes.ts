/**
 * The API's route table: the one list that API Gateway (built by the CDK api stack), the local HTTP
 * adapter and the not-found handler all read. A route names its Lambda handler (a file under
 * `functions/`), who may call it, and what AWS access that function needs, so IAM grants follow the
 * route rather than being written by hand per function.
 */
export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

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
}

export interface RouteDefinition {
  method: HttpMethod;
  /** API Gateway style: `{name}` is a path parameter. */
  path: string;
  /** Path under `functions/`, without extension; one Lambda function per handler. */
  handler: string;
  /** `public` routes take no token; `user` routes need a verified access token and an active membership. */
  auth: 'public' | 'user';
  access: RouteAccess;
  summary: string;
}

export const ROUTES = {
  signup: {
    method: 'POST',
    path: '/v1/signup',
    handler: 'auth/signup',
    auth: 'public',
    access: { table: 'readWrite', userPoolAdmin: true },
    summary: 'Create a workspace (tenant) and its owner',
  },
  login: {
    method: 'POST',
    path: '/v1/auth/login',
    handler: 'auth/login',
    auth: 'public',
    access: {},
    summary: 'Exchange email and password for tokens',
  },
  refresh: {
    method: 'POST',
    path: '/v1/auth/refresh',
    handler: 'auth/refresh',
    auth: 'public',
    access: {},
    summary: 'Exchange a refresh token for new access and id tokens',
  },
  getMe: {
    method: 'GET',
    path: '/v1/me',
    handler: 'me/get-me',
    auth: 'user',
    access: { table: 'read' },
    summary: 'The caller, their workspace and their role',
  },
  createContact: {
    method: 'POST',
    path: '/v1/contacts',
    handler: 'contacts/create-contact',
    auth: 'user',
    access: { table: 'readWrite' },
    summary: 'Create a contact',
  },
  listContacts: {
    method: 'GET',
    path: '/v1/contacts',
    handler: 'contacts/list-contacts',
    auth: 'user',
    access: { table: 'read' },
    summary: 'List contacts, oldest first, with cursor pagination',
  },
  getContact: {
    method: 'GET',
    path: '/v1/contacts/{id}',
    handler: 'contacts/get-contact',
    auth: 'user',
    access: { table: 'read' },
    summary: 'Get a contact',
  },
  updateContact: {
    method: 'PATCH',
    path: '/v1/contacts/{id}',
    handler: 'contacts/update-contact',
    auth: 'user',
    access: { table: 'readWrite' },
    summary: 'Change some fields of a contact',
  },
  deleteContact: {
    method: 'DELETE',
    path: '/v1/contacts/{id}',
    handler: 'contacts/delete-contact',
    auth: 'user',
    access: { table: 'readWrite' },
    summary: 'Delete a contact',
  },
} as const satisfies Record<string, RouteDefinition>;

export type RouteId = keyof typeof ROUTES;

/** Answers every request that matches no route: 404, or 405 with `Allow` for a known path. */
export const FALLBACK_HANDLER = 'system/not-found';

/** Every handler file, for the bundler and the local adapter. */
export function allHandlers(): string[] {
  return [...new Set([...Object.values(ROUTES).map((route) => route.handler), FALLBACK_HANDLER])];
}
