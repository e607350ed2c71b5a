/**
 * Who is calling, resolved from a verified token and the caller's membership record. This is the
 * only source of the tenant: never a path, query or body.
 */
export interface AuthContext {
  tenantId: string;
  userId: string;
  /** The identity provider's subject (Cognito `sub`). */
  sub: string;
  role: string;
}
