import type { RouteDefinition } from './route-definition';

/** The audit routes (see `route-definition.ts`); their contracts are in `../openapi/contracts/audit.ts`. */
export const auditRoutes = {
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
} as const satisfies Record<string, RouteDefinition>;
