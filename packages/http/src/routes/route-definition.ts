import type { Permission } from '@rapport/domain';

/**
 * What a route of the API declares. Each area declares its routes in `routes/<area>.ts` and their
 * contracts in `openapi/contracts/<area>.ts`; `routes.ts` assembles the full table. A route names its
 * Lambda handler (a file under `functions/`), who may call it, and what AWS access that function
 * needs, so IAM grants follow the route rather than being written by hand per function.
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
  /**
   * Takes an optional `Idempotency-Key` header: a retry with the same key gets the first answer and
   * writes nothing again. Set on the routes that create or move something, for a member caller.
   */
  idempotent?: boolean;
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
export const PUBLIC = 'public' as const;
export const MEMBER = 'member' as const;
