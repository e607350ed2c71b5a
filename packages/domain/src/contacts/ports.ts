import type { Contact, ContactChanges } from './contact';

export interface Page<T> {
  items: T[];
  /** The id of the last item returned, when more may follow. */
  lastId: string | null;
}

/**
 * Contacts of one tenant. An instance is bound to a tenant when it is created, so no call can
 * name another tenant's data.
 */
export interface ContactRepository {
  create(contact: Contact): Promise<void>;
  get(id: string): Promise<Contact | null>;
  /** In creation order, `limit` at most, starting after the contact with id `afterId`. */
  list(options: { limit: number; afterId?: string }): Promise<Page<Contact>>;
  /**
   * Applies the changes and bumps the version. With `expectedVersion`, applies only if the stored
   * version still matches. Throws NotFoundError or VersionConflictError.
   */
  update(id: string, changes: ContactChanges & { updatedAt: string; expectedVersion?: number }): Promise<Contact>;
  /** Throws NotFoundError, or VersionConflictError when `expectedVersion` is stale. */
  delete(id: string, expectedVersion?: number): Promise<void>;
}
