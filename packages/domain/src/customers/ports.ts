import type { ContactTicketSnapshot } from '../tickets/ticket';
import type { Audited } from '../access/ports';
import type { StoredContact } from '../contacts/contact';
import type { Page } from '../contacts/ports';
import type { ContactDealSnapshot } from '../sales/deal';
import type { CustomerScores } from '../insights/customer-scores';
import type { Company, CompanySnapshot } from './company';
import type { BehaviourDay, CustomerRecordKind, CustomerRecordOf, Feedback, Interaction, Transaction } from './customer-record';

/**
 * Companies of one tenant, bound to it when created. Every write carries its audit event, written
 * in the same transaction.
 */
export interface CompanyRepository {
  create(company: Company, audit: Audited): Promise<void>;
  get(id: string): Promise<Company | null>;
  /** In creation order, `limit` at most, after `afterId`; only `ownerId`'s companies when given. */
  list(options: { limit: number; afterId?: string; ownerId?: string }): Promise<Page<Company>>;
  /**
   * Writes `next` if the stored company is still at `previous.version`; fields `previous` has and
   * `next` lacks are removed. Never touches `contactCount`. Throws NotFoundError / VersionConflictError.
   */
  replace(next: Company, previous: Company, audit: Audited): Promise<void>;
  /**
   * Brings the copy of the company in each linked contact's partition (the 360 view's) up to
   * `snapshot`, taken from `companyVersion`; an older version never overwrites a newer one.
   * Answers how many copies were rewritten.
   */
  refreshSnapshots(snapshot: CompanySnapshot, companyVersion: number): Promise<number>;
  /** Throws NotFoundError, VersionConflictError, or CompanyInUseError while contacts point at it. */
  delete(id: string, expectedVersion: number | undefined, audit: Audited): Promise<void>;
}

/**
 * Everything a contact's partition holds, read at once: the 360 view's one Query. Records come
 * newest first; behaviour days oldest first, from `behaviourSince` on. Personal fields are as
 * stored (encrypted).
 */
export interface ContactCollection {
  profile: StoredContact | null;
  company: CompanySnapshot | null;
  transactions: Transaction[];
  interactions: Interaction[];
  feedback: Feedback[];
  behaviour: BehaviourDay[];
  /** The contact's deals (snapshots kept in its partition), newest first. */
  deals: ContactDealSnapshot[];
  /** The contact's ticket snapshots (absent: none). */
  tickets?: ContactTicketSnapshot[];
  /** The insights job's scores item, once a run has scored the contact. */
  scores: CustomerScores | null;
}

/**
 * The records in the contacts' partitions of one tenant (personal fields encrypted), bound to the
 * tenant when created.
 */
export interface CustomerRecordRepository {
  /**
   * Adds a record, on the condition (in the same transaction as the record and its audit event)
   * that its contact still exists. Throws NotFoundError when it does not.
   */
  add<K extends CustomerRecordKind>(kind: K, record: CustomerRecordOf[K], audit: Audited): Promise<void>;
  /** A contact's records of one kind, newest first, `limit` at most, after `afterId`. */
  list<K extends CustomerRecordKind>(
    kind: K,
    contactId: string,
    options: { limit: number; afterId?: string },
  ): Promise<Page<CustomerRecordOf[K]>>;
  /** The contact's whole item collection, behaviour from `behaviourSince` (YYYY-MM-DD) on. */
  collection(contactId: string, options: { behaviourSince: string }): Promise<ContactCollection>;
}
