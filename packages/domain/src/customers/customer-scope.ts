import { auditContextOf } from '../audit/audit-context';
import type { AuditEntry } from '../audit/audit-event';
import type { Audited } from '../access/ports';
import { hasPermission, type Actor } from '../shared/auth-context';

/**
 * What a caller may see of customer data: without `contacts:read_all`, only the records they own
 * (contacts, companies, and the records in a contact's partition); `pii:read` shows personal
 * fields in clear. Shared by the customer services so the rule is stated once.
 */
export function customerScopeOf(actor: Actor) {
  const seesAll = hasPermission(actor.auth, 'contacts:read_all');
  return {
    seesAll,
    seesPersonalData: hasPermission(actor.auth, 'pii:read'),
    /** Whether a record owned by `ownerId` is in the caller's scope. */
    owns: (ownerId: string) => seesAll || ownerId === actor.auth.userId,
    /** An audit entry of this caller's request, successful. */
    audited: (entry: Omit<AuditEntry, 'outcome'>): Audited => ({ context: auditContextOf(actor), entry: { ...entry, outcome: 'success' } }),
  };
}
