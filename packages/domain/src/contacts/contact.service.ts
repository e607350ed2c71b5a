import type { AuthContext } from '../shared/auth-context';
import type { Clock } from '../shared/clock';
import { newId } from '../shared/ids';
import { NotFoundError } from '../errors';
import type { Contact, ContactChanges } from './contact';
import type { ContactCreateInput, ContactPatchInput } from './contact.schema';
import type { ContactRepository } from './ports';

export interface ContactServiceDeps {
  contacts: ContactRepository;
  clock: Clock;
}

/** Contact use-cases for one caller; `deps.contacts` is already bound to the caller's tenant. */
export function createContactService(deps: ContactServiceDeps, actor: AuthContext) {
  return {
    async create(input: ContactCreateInput): Promise<Contact> {
      const now = deps.clock.now().toISOString();
      const contact: Contact = { ...input, id: newId(), ownerId: actor.userId, version: 1, createdAt: now, updatedAt: now };
      await deps.contacts.create(contact);
      return contact;
    },

    async get(id: string): Promise<Contact> {
      const contact = await deps.contacts.get(id);
      if (!contact) throw new NotFoundError('contact', id);
      return contact;
    },

    list(options: { limit: number; afterId?: string }) {
      return deps.contacts.list(options);
    },

    update(id: string, patch: ContactPatchInput, expectedVersion?: number): Promise<Contact> {
      const { version: _ignored, ...fields } = patch;
      const changes: ContactChanges = { set: {}, remove: [] };
      for (const [field, value] of Object.entries(fields)) {
        if (value === null) changes.remove.push(field as keyof Contact);
        else if (value !== undefined) Object.assign(changes.set, { [field]: value });
      }
      return deps.contacts.update(id, {
        ...changes,
        updatedAt: deps.clock.now().toISOString(),
        ...(expectedVersion === undefined ? {} : { expectedVersion }),
      });
    },

    delete(id: string, expectedVersion?: number): Promise<void> {
      return deps.contacts.delete(id, expectedVersion);
    },
  };
}

export type ContactService = ReturnType<typeof createContactService>;
