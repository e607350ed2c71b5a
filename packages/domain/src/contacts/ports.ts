import type { Audited } from '../access/ports';
import type { CompanySnapshot } from '../customers/company';
import type { StoredContact } from './contact';

export interface Page<T> {
  items: T[];
  /** The id of the last item returned, when more may follow. */
  lastId: string | null;
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
  /** In creation order, `limit` at most, after `afterId`; only `ownerId`'s contacts when given. */
  list(options: { limit: number; afterId?: string; ownerId?: string }): Promise<Page<StoredContact>>;
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

/** A file of an export as it is written: streamed, so its size does not depend on memory. */
export interface ExportFile {
  tenantId: string;
  exportId: string;
  /** What the download is called (`contacts-2026-05-01.csv`). */
  fileName: string;
  contentType: string;
  /** The content, in chunks, consumed once. */
  content: AsyncIterable<string>;
}

/** Where exports are kept for a short while, to be downloaded through a short-lived link. */
export interface ExportFileStore {
  /** Stores the file (all of it, or throws) and returns a link that downloads it until `expiresAt`. */
  save(file: ExportFile): Promise<{ url: string; expiresAt: string }>;
}
