import { auditContextOf } from '../audit/audit-context';
import type { AuditLog } from '../audit/audit-log';
import type { AuditEntry } from '../audit/audit-event';
import type { Audited } from '../access/ports';
import { snapshotOf, type CompanySnapshot } from '../customers/company';
import type { CompanyRepository } from '../customers/ports';
import { applyCustomFieldChanges, changedCustomFields } from '../fields/custom-values';
import { customFieldCodec, withCustomFields } from '../fields/custom-field-codec';
import type { FieldDefinitionRepository } from '../fields/ports';
import { InvalidInputError, MergeGoneError, NotFoundError, VersionConflictError } from '../errors';
import type { FieldCipher } from '../privacy/field-cipher';
import { maskValue } from '../privacy/masking';
import { hasPermission, type Actor } from '../shared/auth-context';
import type { Clock } from '../shared/clock';
import { newId } from '../shared/ids';
import { together } from '../shared/together';
import { DEFAULT_LIFECYCLE_STAGE, PERSONAL_FIELDS, type Contact, type ContactLookup, type PersonalField, type StoredContact } from './contact';
import { completenessOf, completenessReport } from './contact-completeness';
import { MERGE_FIELDS, MERGE_UNDO_DAYS, mergeProfiles, type MergeRecord } from './contact-merge';
import type { ContactMergeInput } from './contact-merge.schema';
import { similarNameKey } from './contact-normalisation';
import { companySimilarity, nameSimilarity, scoreDuplicate, SIMILARITY_THRESHOLD, type ComparableContact, type DuplicateCandidate } from './contact-similarity';
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

/** The most duplicate candidates a contact's list names: the likeliest, answered whole. */
export const MAX_DUPLICATE_CANDIDATES = 20;

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

  /**
   * The snapshot of a restored contact's company; a company deleted since the merge is left out
   * (and the restored contact's `companyId` with it), since a link to nothing cannot be restored.
   */
  async function existingSnapshot(contact: StoredContact): Promise<CompanySnapshot | undefined> {
    if (contact.companyId === undefined) return undefined;
    const company = await deps.companies.get(contact.companyId);
    if (company) return snapshotOf(company);
    delete contact.companyId;
    return undefined;
  }

  async function load(id: string): Promise<StoredContact> {
    const stored = await deps.contacts.get(id);
    if (!inScope(stored)) throw new NotFoundError('contact', id);
    return stored;
  }

  /** What the caller may see of contacts, auditing any personal data shown in clear. */
  async function present(contacts: Contact[]): Promise<ContactView[]> {
    if (!seesPersonalData) return Promise.all(contacts.map(async (contact) => withCompleteness(await maskedView(contact))));
    const sensitive = await Promise.all(contacts.map((contact) => custom.hasSensitive(contact.customFields)));
    const revealed = contacts.filter((contact, index) => hasPersonalData(contact) || sensitive[index]).map((contact) => contact.id);
    if (revealed.length > 0) {
      await deps.auditLog.record(
        actor.auth.tenantId,
        audited({ action: 'contact.pii_read', target: { type: 'contact', id: revealed[0]! }, targetIds: revealed, details: { contacts: revealed.length } }),
      );
    }
    return contacts.map(withCompleteness);
  }

  /**
   * Ids sharing `input`'s name blocking key whose name and company, as their lookups carry them,
   * pass the similar-name reason's thresholds (or whose lookups carry nothing yet): only these
   * profiles are read and opened, not every namesake's.
   */
  async function similarlyNamed(input: ComparableContact, nameIndex: string): Promise<string[]> {
    const candidates = await deps.contacts.findNameCandidates(nameIndex);
    return candidates
      .filter(({ compared }) => compared === undefined || (nameSimilarity(input, compared) >= SIMILARITY_THRESHOLD && companySimilarity(input, compared) >= SIMILARITY_THRESHOLD))
      .map(({ id }) => id);
  }

  /** Contacts the caller may see that may be `input`'s duplicates, most likely first. */
  async function findDuplicateCandidates(input: ComparableContact, excludeId?: string): Promise<DuplicateCandidate[]> {
    const blockingKey = similarNameKey(input);
    const byIndex = async (lookup: Exclude<ContactLookup, 'name'>, value: string | undefined) =>
      value === undefined ? [] : deps.contacts.findIds(lookup, await deps.cipher.blindIndex(lookup, value));
    const ids = new Set(
      (
        await Promise.all([
          byIndex('email', input.email),
          byIndex('phone', input.phone),
          blockingKey === undefined ? [] : deps.cipher.blindIndex('name-block', blockingKey).then((nameIndex) => similarlyNamed(input, nameIndex)),
        ])
      ).flat(),
    );
    ids.delete(excludeId ?? '');
    const found = (await Promise.all([...ids].map((id) => deps.contacts.get(id)))).filter(inScope);
    const opened = await Promise.all(found.map(open));
    return opened
      .map((candidate) => scoreDuplicate(input, candidate))
      .filter((candidate): candidate is DuplicateCandidate => candidate !== null)
      .sort((a, b) => b.score - a.score || a.contactId.localeCompare(b.contactId))
      .slice(0, MAX_DUPLICATE_CANDIDATES);
  }

  return {
    /**
     * Creates the contact and answers, beside it, the existing contacts (that the caller may see)
     * that look like the same person: the contact is created anyway, the caller decides whether to
     * merge.
     */
    async create(input: ContactCreateInput): Promise<ContactView & { duplicates: DuplicateCandidate[] }> {
      const now = deps.clock.now().toISOString();
      const { customFields: customInput, ...fields } = input;
      // Independent reads (the field definitions, the company, the duplicates' lookups), made at once.
      const [changes, company, duplicates] = await together([
        custom.check(customInput, 'create'),
        input.companyId === undefined ? Promise.resolve(undefined) : companySnapshot(input.companyId),
        findDuplicateCandidates(input),
      ] as const);
      const customFields = applyCustomFieldChanges(undefined, changes);
      const contact = withCustomFields<Contact>({ lifecycleStage: DEFAULT_LIFECYCLE_STAGE, ...fields, id: newId(), ownerId: actor.auth.userId, version: 1, createdAt: now, updatedAt: now }, customFields);
      const changedFields = [...Object.keys(fields), ...changedCustomFields(undefined, customFields)].sort();
      const entry = { action: 'contact.created', target: { type: 'contact', id: contact.id }, changedFields } as const;
      await deps.contacts.create(await seal(contact), audited(entry), company);
      return { ...withCompleteness(seesPersonalData ? contact : await maskedView(contact)), duplicates };
    },

    /**
     * Existing contacts the caller may see that may be the same person as `input` (normalised as
     * `contactCreateSchema` does): by exact email and phone through their blind indexes, and by a
     * similar name at a similar company among those sharing its name blocking key. Reads a few
     * index partitions, never the tenant. For a CSV import, call it per row before creating.
     */
    findDuplicateCandidates: (input: ComparableContact) => findDuplicateCandidates(input),

    /** The candidates for an existing contact (itself excluded). */
    async duplicatesOf(id: string): Promise<DuplicateCandidate[]> {
      const contact = await open(await load(id));
      return findDuplicateCandidates(contact, id);
    },

    /** The workspace's completeness: its average, its contact count and the share of contacts having each field. */
    async completeness() {
      return completenessReport(await deps.contacts.completenessTotals());
    },

    async get(id: string): Promise<ContactView> {
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
    async findByEmail(email: string): Promise<ContactView[]> {
      const ids = await deps.contacts.findIds('email', await deps.cipher.blindIndex('email', email));
      const found = (await Promise.all(ids.map((id) => deps.contacts.get(id)))).filter(inScope);
      return present(await Promise.all(found.map(open)));
    },

    async update(id: string, patch: ContactPatchInput, expectedVersion?: number): Promise<ContactView> {
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
            stored,
            audited({ action: 'contact.updated', target: { type: 'contact', id }, changedFields }),
            link,
          );
          return withCompleteness(seesPersonalData ? next : await maskedView(next));
        } catch (error) {
          // Without a version from the client the change applies to the current one: re-read and retry.
          if (!(error instanceof VersionConflictError) || expectedVersion !== undefined || attempt >= UPDATE_ATTEMPTS) throw error;
        }
      }
    },

    /**
     * Merges contact `input.sourceId` into `targetId`: the profile takes each field from the side
     * chosen (by default the target's value, the source's where the target has none), tags are
     * united, and the source's orders, interactions, feedback and behaviour move to the target. The
     * source is gone afterwards; the merge can be undone for {@link MERGE_UNDO_DAYS} days.
     */
    async merge(targetId: string, input: ContactMergeInput) {
      if (input.sourceId === targetId) throw new InvalidInputError('sourceId', 'must be another contact than the one merged into');
      await Promise.all([deps.contacts.settleMerges(targetId), deps.contacts.settleMerges(input.sourceId)]);
      const [target, source] = await Promise.all([load(targetId), load(input.sourceId)]);
      const [current, other] = await Promise.all([open(target), open(source)]);
      const now = deps.clock.now();
      // Custom values: the target's, and the source's for fields the target has no value in.
      const merged = withCustomFields(mergeProfiles(current, other, input.fields ?? {}, now.toISOString()), mergedCustomFields(current, other));
      const company = merged.companyId !== undefined && merged.companyId !== current.companyId ? await companySnapshot(merged.companyId) : undefined;
      const record: MergeRecord = {
        mergeId: newId(),
        targetId,
        sourceId: source.id,
        mergedAt: now.toISOString(),
        undoUntil: new Date(now.getTime() + MERGE_UNDO_DAYS * 86_400_000).toISOString(),
        mergedVersion: merged.version,
        status: 'done',
      };
      const changedFields = [...MERGE_FIELDS, 'tags' as const].filter((field) => !sameValue(current, merged, field));
      await deps.contacts.merge(
        { record, target, merged: await seal(merged), source, ...(company ? { company } : {}) },
        audited({
          action: 'contact.merged',
          target: { type: 'contact', id: targetId },
          targetIds: [source.id],
          changedFields,
          details: { mergeId: record.mergeId },
        }),
      );
      return { mergeId: record.mergeId, sourceId: source.id, undoUntil: record.undoUntil, contact: withCompleteness(seesPersonalData ? merged : await maskedView(merged)) };
    },

    /**
     * Undoes a merge into `targetId`: the source comes back as it was, with its records, and the
     * target returns to its pre-merge profile (at a new version). Only while the target is
     * unchanged since the merge (else 409: restoring would silently drop the later change), and for
     * {@link MERGE_UNDO_DAYS} days (else 410).
     */
    async undoMerge(targetId: string, mergeId: string) {
      const target = await load(targetId);
      const stored = await deps.contacts.getMerge(targetId, mergeId);
      if (!stored) throw new NotFoundError('merge', mergeId);
      const { record, snapshot } = stored;
      if (record.status === 'undone' || record.status === 'undoing') throw new MergeGoneError(mergeId, 'undone');
      if (!snapshot || deps.clock.now().toISOString() >= record.undoUntil) throw new MergeGoneError(mergeId, 'expired');
      if (target.version !== record.mergedVersion) throw new VersionConflictError('contact', targetId, record.mergedVersion, target.version);
      const restored: StoredContact = { ...snapshot.target, version: target.version + 1, updatedAt: deps.clock.now().toISOString() };
      const targetCompany = await existingSnapshot(restored);
      const sourceCompany = await existingSnapshot(snapshot.source);
      await deps.contacts.undoMerge(
        { record, current: target, restored, source: snapshot.source, ...(targetCompany ? { targetCompany } : {}), ...(sourceCompany ? { sourceCompany } : {}) },
        audited({ action: 'contact.merge_undone', target: { type: 'contact', id: targetId }, targetIds: [record.sourceId], details: { mergeId } }),
      );
      const [contact, source] = await Promise.all([open(restored), open(snapshot.source)]);
      const shown = async (value: Contact) => withCompleteness(seesPersonalData ? value : await maskedView(value));
      return { contact: await shown(contact), source: await shown(source) };
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

function mergedCustomFields(target: Contact, source: Contact): Contact['customFields'] {
  if (target.customFields === undefined && source.customFields === undefined) return undefined;
  return { ...source.customFields, ...target.customFields };
}

function sameValue(a: Contact, b: Contact, field: keyof Contact): boolean {
  return JSON.stringify(a[field]) === JSON.stringify(b[field]);
}

/** A contact as the API shows it: with its completeness (0–100), computed on read. */
export type ContactView = Contact & { completeness: number };

const withCompleteness = (contact: Contact): ContactView => ({ ...contact, completeness: completenessOf(contact) });

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
