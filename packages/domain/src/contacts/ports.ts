import type { Audited } from '../access/ports';
import type { CompanySnapshot, LifecycleStage } from '../customers/company';
import type { CompletenessTotals } from './contact-completeness';
import type { ContactLookup, StoredContact } from './contact';
import type { MergePlan, StoredMerge, UndoPlan } from './contact-merge';
import type { ComparableContact } from './contact-similarity';

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

/** A contact sharing a name blocking key, with its name and company when its lookup carries them. */
export interface NameCandidate {
  id: string;
  compared?: Pick<ComparableContact, 'firstName' | 'lastName' | 'company' | 'companyId'>;
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
  /** Ids of the contacts (at most 100) whose email, phone or name blocking key has this blind index. */
  findIds(lookup: ContactLookup, index: string): Promise<string[]>;
  /**
   * The contacts (at most 100) whose name blocking key has this blind index, each with what the
   * similar-name reason compares as its lookup carries it (absent on lookups written before it did).
   */
  findNameCandidates(index: string): Promise<NameCandidate[]>;
  /** The workspace's completeness totals, as the stream projector has moved them so far (seconds behind the writes). */
  completenessTotals(): Promise<CompletenessTotals>;
  /**
   * Writes `next` if the stored contact is still `previous` (by version), moving its company link
   * when `link` is given. Throws NotFoundError / VersionConflictError, InvalidInputError (`companyId`).
   */
  replace(next: StoredContact, previous: StoredContact, audit: Audited, link?: CompanyLinkChange): Promise<void>;
  /**
   * Deletes the contact with everything in its partition (orders, interactions, feedback,
   * behaviour, company snapshot) and unlinks its company. Throws NotFoundError, or
   * VersionConflictError when `expectedVersion` is stale.
   */
  delete(id: string, expectedVersion: number | undefined, audit: Audited): Promise<void>;
  /**
   * Merges `plan.source` into `plan.target` in one audited transaction where it fits (moving the
   * source's records, adding up behaviour days, unlinking its company, keeping its snapshot for the
   * undo). Throws VersionConflictError when either contact changed since it was read.
   */
  merge(plan: MergePlan, audit: Audited): Promise<void>;
  /** A merge into `targetId`, settling it first if a crash left its records half moved; null if none. */
  getMerge(targetId: string, mergeId: string): Promise<StoredMerge | null>;
  /** Undoes a merge: the target as it was, the source back, its records moved back. */
  undoMerge(plan: UndoPlan, audit: Audited): Promise<void>;
  /** Finishes any merge into or undo on `targetId` that a crash left half done. */
  settleMerges(targetId: string): Promise<void>;
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
