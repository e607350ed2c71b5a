import type { Audited } from '../access/ports';
import type { StoredContact } from './contact';

export interface Page<T> {
  items: T[];
  /** The id of the last item returned, when more may follow. */
  lastId: string | null;
}

/**
 * Contacts of one tenant, as stored (personal fields encrypted). An instance is bound to a tenant
 * when it is created, so no call can name another tenant's data. Every write carries its audit
 * event, written in the same transaction.
 */
export interface ContactRepository {
  create(contact: StoredContact, audit: Audited): Promise<void>;
  get(id: string): Promise<StoredContact | null>;
  /** In creation order, `limit` at most, after `afterId`; only `ownerId`'s contacts when given. */
  list(options: { limit: number; afterId?: string; ownerId?: string }): Promise<Page<StoredContact>>;
  /** Ids of the contacts whose email has this blind index. */
  findIdsByEmailIndex(emailIndex: string): Promise<string[]>;
  /** Writes `next` if the stored contact is still at `expectedVersion`. Throws NotFoundError / VersionConflictError. */
  replace(next: StoredContact, expectedVersion: number, audit: Audited): Promise<void>;
  /** Throws NotFoundError, or VersionConflictError when `expectedVersion` is stale. */
  delete(id: string, expectedVersion: number | undefined, audit: Audited): Promise<void>;
}
