import type { Versioned } from '../shared/versioned';

/** A person the tenant does business with. */
export interface Contact extends Versioned {
  id: string;
  firstName: string;
  lastName?: string;
  email?: string;
  phone?: string;
  company?: string;
  title?: string;
  tags?: string[];
  /** The user responsible for this contact; the creator until reassigned. */
  ownerId: string;
}

/** The fields an update may set or clear. */
export type ContactChanges = {
  set: Partial<Omit<Contact, 'id' | 'version' | 'createdAt' | 'ownerId'>>;
  remove: (keyof Contact)[];
};
