import type { Audited } from '../access/ports';

/** Writes an audit event that accompanies no change (a login, a refusal, a read in clear). */
export interface AuditLog {
  record(tenantId: string, audited: Audited): Promise<void>;
}
