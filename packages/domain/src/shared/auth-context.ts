import type { Permission } from '../access/permissions';

/**
 * Who is calling, resolved from a verified token and the caller's membership record. This is the
 * only source of the tenant: never a path, query or body. `permissions` are the role's current ones.
 */
export interface AuthContext {
  tenantId: string;
  userId: string;
  /** The identity provider's subject (Cognito `sub`). */
  sub: string;
  role: string;
  permissions: readonly Permission[];
  /** When the caller last signed out everywhere: sessions authenticated up to then are over. */
  signedOutAt?: string;
}

/** Where a request came from, for the audit trail. */
export interface RequestMeta {
  requestId: string;
  sourceIp: string | null;
  userAgent: string | null;
}

/** A verified caller making one request. */
export interface Actor {
  auth: AuthContext;
  request: RequestMeta;
}

export function hasPermission(auth: AuthContext, permission: Permission): boolean {
  return auth.permissions.includes(permission);
}
