import type { Audited } from '../access/ports';
import type { CompanySnapshot, LifecycleStage } from '../customers/company';
import type { StoredContact } from './contact';

export interface Page<T> {
  items: T[];
  /** The id of the last item returned, when more may follow. */
  lastId: string | null;
}

/** Plain (unencrypted) attributes a contact listing can be narrowed by. */
export interface ContactListFilter {
  lifecycleStage?: LifecycleStage;
  /** Contacts carrying exactly this tag. */
  tag?: string;
}

/**
 * How a write moves a contact's link to a company. The repository keeps, in the write's own
 * transaction, the snapshot in the contact's partition (written for `to`, deleted without it) and
 * the `contactCount` of both companies, so a company in use cannot be deleted under any concurrency.
 */
export interface CompanyLinkChange {
  /** The company linked before the write, if any. */
  from?: string;
  /** The company linked after the write, if any, as the contact's partition keeps it. */
  to?: CompanySnapshot;
}

/**
 * Contacts of one tenant, as stored (personal fields encrypted). An instance is bound to a tenant
 * when it is created, so no call can name another tenant's data. Every write carries its audit
 * event, written in the same transaction.
 */
export interface ContactRepository {
  /** Links `company` too when given. Throws InvalidInputError (`companyId`) when the company is gone. */
  create(contact: StoredContact, audit: Audited, company?: CompanySnapshot): Promise<void>;
  get(id: string): Promise<StoredContact | null>;
  /**
   * In creation order, `limit` at most, after `afterId`; only `ownerId`'s contacts when given, and
   * only those matching `filter` (which may return a short page with a cursor: see the adapter).
   */
  list(options: { limit: number; afterId?: string; ownerId?: string; filter?: ContactListFilter }): Promise<Page<StoredContact>>;
  /** Ids of the contacts whose email has this blind index. */
  findIdsByEmailIndex(emailIndex: string): Promise<string[]>;
  /**
   * Writes `next` if the stored contact is still at `expectedVersion`, moving its company link when
   * `link` is given. Throws NotFoundError / VersionConflictError, InvalidInputError (`companyId`).
   */
  replace(next: StoredContact, expectedVersion: number, audit: Audited, link?: CompanyLinkChange): Promise<void>;
  /**
   * Deletes the contact with everything in its partition (orders, interactions, feedback,
   * behaviour, company snapshot) and unlinks its company. Throws NotFoundError, or
   * VersionConflictError when `expectedVersion` is stale.
   */
  delete(id: string, expectedVersion: number | undefined, audit: Audited): Promise<void>;
}
