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
  getAuditEventProof: {
    method: 'GET',
    path: '/v1/audit/events/{id}/proof',
    handler: 'audit/get-audit-event-proof',
    authorization: 'audit:read',
    access: { table: 'readWrite', auditArchive: true },
    summary: 'An inclusion proof of an event against the latest signed checkpoint, checkable offline',
  },
  listAuditCheckpoints: {
    method: 'GET',
    path: '/v1/audit/checkpoints',
    handler: 'audit/list-audit-checkpoints',
    authorization: 'audit:read',
    access: { table: 'readWrite' },
    summary: 'Signed checkpoints of the audit Merkle tree, newest first',
  },
  getAuditConsistencyProof: {
    method: 'GET',
    path: '/v1/audit/checkpoints/consistency',
    handler: 'audit/get-audit-consistency-proof',
    authorization: 'audit:read',
    access: { table: 'readWrite' },
    summary: 'A consistency proof between two signed checkpoints',
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
