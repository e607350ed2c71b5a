import { auditContextOf } from '../audit/audit-context';
import type { AuditLog } from '../audit/audit-log';
import type { AuditEntry } from '../audit/audit-event';
import type { Audited } from '../access/ports';
import { snapshotOf, type CompanySnapshot } from '../customers/company';
import type { CompanyRepository } from '../customers/ports';
import { applyCustomFieldChanges, changedCustomFields } from '../fields/custom-values';
import { customFieldCodec, withCustomFields } from '../fields/custom-field-codec';
import type { FieldDefinitionRepository } from '../fields/ports';
import { InvalidInputError, NotFoundError, VersionConflictError } from '../errors';
import type { FieldCipher } from '../privacy/field-cipher';
import { maskValue } from '../privacy/masking';
import { hasPermission, type Actor } from '../shared/auth-context';
import type { Clock } from '../shared/clock';
import { newId } from '../shared/ids';
import { PERSONAL_FIELDS, type Contact, type PersonalField, type StoredContact } from './contact';
import { hasPersonalData, openContact, sealContact } from './contact-crypto';
import type { ContactCreateInput, ContactPatchInput } from './contact.schema';
import type { CompanyLinkChange, ContactListFilter, ContactRepository } from './ports';

export interface ContactServiceDeps {
  contacts: ContactRepository;
  /** To check a `companyId` and take the snapshot the contact's partition keeps. */
  companies: CompanyRepository;
  cipher: FieldCipher;
  /** The tenant's custom field definitions, read per request. */
  fields: FieldDefinitionRepository;
  auditLog: AuditLog;
  clock: Clock;
}

/** Where a new contact stands unless told otherwise. */
const DEFAULT_LIFECYCLE_STAGE = 'lead' as const;

/** Times an update re-reads and retries when another write moved the contact in between. */
const UPDATE_ATTEMPTS = 3;

/**
 * Contact use-cases for one caller; `deps.contacts` and `deps.cipher` are bound to the caller's
 * tenant. A caller without `contacts:read_all` sees and changes only the contacts they own: others
 * answer 404, exactly as if they did not exist. Personal fields are shown in clear only with
 * `pii:read` (and each such read is audited), masked otherwise.
 */
export function createContactService(deps: ContactServiceDeps, actor: Actor) {
  const seesAll = hasPermission(actor.auth, 'contacts:read_all');
  const seesPersonalData = hasPermission(actor.auth, 'pii:read');
  const audited = (entry: Omit<AuditEntry, 'outcome'>): Audited => ({ context: auditContextOf(actor), entry: { ...entry, outcome: 'success' } });
  const inScope = (contact: StoredContact | null): contact is StoredContact =>
    contact !== null && (seesAll || contact.ownerId === actor.auth.userId);
  const custom = customFieldCodec(deps, 'contact');
  const itemKey = (id: string) => `contact#${id}`;

  /** Personal fields and sensitive custom values encrypted, custom values keyed by field id. */
  async function seal(contact: Contact): Promise<StoredContact> {
    return withCustomFields(await sealContact(deps.cipher, contact), await custom.seal(itemKey(contact.id), contact.customFields));
  }

  async function open(stored: StoredContact): Promise<Contact> {
    return withCustomFields(await openContact(deps.cipher, stored), await custom.open(itemKey(stored.id), stored.customFields));
  }

  /** What a caller without `pii:read` sees. */
  async function maskedView(contact: Contact): Promise<Contact> {
    return withCustomFields(masked(contact), await custom.mask(contact.customFields));
  }

  /** The company a contact may be linked to: one in the workspace that the caller may see. */
  async function companySnapshot(companyId: string): Promise<CompanySnapshot> {
    const company = await deps.companies.get(companyId);
    if (!company || !(seesAll || company.ownerId === actor.auth.userId)) throw new InvalidInputError('companyId', 'is not a company in this workspace');
    return snapshotOf(company);
  }

  async function load(id: string): Promise<StoredContact> {
    const stored = await deps.contacts.get(id);
    if (!inScope(stored)) throw new NotFoundError('contact', id);
    return stored;
  }

  /** What the caller may see of contacts, auditing any personal data shown in clear. */
  async function present(contacts: Contact[]): Promise<Contact[]> {
    if (!seesPersonalData) return Promise.all(contacts.map(maskedView));
    const sensitive = await Promise.all(contacts.map((contact) => custom.hasSensitive(contact.customFields)));
    const revealed = contacts.filter((contact, index) => hasPersonalData(contact) || sensitive[index]).map((contact) => contact.id);
    if (revealed.length > 0) {
      await deps.auditLog.record(
        actor.auth.tenantId,
        audited({ action: 'contact.pii_read', target: { type: 'contact', id: revealed[0]! }, targetIds: revealed, details: { contacts: revealed.length } }),
      );
    }
    return contacts;
  }

  return {
    async create(input: ContactCreateInput): Promise<Contact> {
      const now = deps.clock.now().toISOString();
      const { customFields: customInput, ...fields } = input;
      const customFields = applyCustomFieldChanges(undefined, await custom.check(customInput, 'create'));
      const contact = withCustomFields<Contact>({ lifecycleStage: DEFAULT_LIFECYCLE_STAGE, ...fields, id: newId(), ownerId: actor.auth.userId, version: 1, createdAt: now, updatedAt: now }, customFields);
      const changedFields = [...Object.keys(fields), ...changedCustomFields(undefined, customFields)].sort();
      const entry = { action: 'contact.created', target: { type: 'contact', id: contact.id }, changedFields } as const;
      const company = input.companyId === undefined ? undefined : await companySnapshot(input.companyId);
      await deps.contacts.create(await seal(contact), audited(entry), company);
      return seesPersonalData ? contact : maskedView(contact);
    },

    async get(id: string): Promise<Contact> {
      const [contact] = await present([await open(await load(id))]);
      return contact!;
    },

    /** `filter` narrows by plain attributes (see ContactRepository.list for what it costs). */
    async list(options: { limit: number; afterId?: string; filter?: ContactListFilter }) {
      const page = await deps.contacts.list({ ...options, ...(seesAll ? {} : { ownerId: actor.auth.userId }) });
      const items = await present(await Promise.all(page.items.map(open)));
      return { items, lastId: page.lastId };
    },

    /** Contacts with exactly this (normalised) email, through the blind index. */
    async findByEmail(email: string): Promise<Contact[]> {
      const ids = await deps.contacts.findIdsByEmailIndex(await deps.cipher.blindIndex('email', email));
      const found = (await Promise.all(ids.map((id) => deps.contacts.get(id)))).filter(inScope);
      return present(await Promise.all(found.map(open)));
    },

    async update(id: string, patch: ContactPatchInput, expectedVersion?: number): Promise<Contact> {
      // Naming a company (even the same one again) refreshes the snapshot the contact's partition keeps.
      const company = typeof patch.companyId === 'string' ? await companySnapshot(patch.companyId) : undefined;
      const customChanges = await custom.check(patch.customFields, 'patch');
      for (let attempt = 1; ; attempt++) {
        const stored = await load(id);
        if (expectedVersion !== undefined && expectedVersion !== stored.version) {
          throw new VersionConflictError('contact', id, expectedVersion, stored.version);
        }
        const current = await open(stored);
        const next = withCustomFields(applyPatch(current, patch, deps.clock.now().toISOString()), applyCustomFieldChanges(current.customFields, customChanges));
        const changedFields = [
          ...Object.keys(patch).filter((field) => field !== 'version' && field !== 'customFields' && !sameValue(current, next, field as keyof Contact)),
          ...changedCustomFields(current.customFields, next.customFields),
        ];
        try {
          const link: CompanyLinkChange | undefined =
            patch.companyId === undefined ? undefined : { ...(stored.companyId ? { from: stored.companyId } : {}), ...(company ? { to: company } : {}) };
          await deps.contacts.replace(
            await seal(next),
            stored.version,
            audited({ action: 'contact.updated', target: { type: 'contact', id }, changedFields }),
            link,
          );
          return seesPersonalData ? next : maskedView(next);
        } catch (error) {
          // Without a version from the client the change applies to the current one: re-read and retry.
          if (!(error instanceof VersionConflictError) || expectedVersion !== undefined || attempt >= UPDATE_ATTEMPTS) throw error;
        }
      }
    },

    async delete(id: string, expectedVersion?: number): Promise<void> {
      await load(id);
      await deps.contacts.delete(id, expectedVersion, audited({ action: 'contact.deleted', target: { type: 'contact', id } }));
    },
  };
}

function applyPatch(current: Contact, patch: ContactPatchInput, updatedAt: string): Contact {
  const { version: _version, customFields: _custom, ...fields } = patch;
  const next: Contact = { ...current, version: current.version + 1, updatedAt };
  for (const [field, value] of Object.entries(fields)) {
    if (value === null) delete next[field as keyof Contact];
    else if (value !== undefined) Object.assign(next, { [field]: value });
  }
  return next;
}

function sameValue(a: Contact, b: Contact, field: keyof Contact): boolean {
  return JSON.stringify(a[field]) === JSON.stringify(b[field]);
}

/** A contact with its personal fields masked by kind. */
export function masked(contact: Contact): Contact {
  const copy: Contact = { ...contact };
  for (const [field, kind] of Object.entries(PERSONAL_FIELDS) as [PersonalField, (typeof PERSONAL_FIELDS)[PersonalField]][]) {
    const value = contact[field];
    if (value !== undefined) copy[field] = maskValue(kind, value);
  }
  return copy;
}

export type ContactService = ReturnType<typeof createContactService>;
