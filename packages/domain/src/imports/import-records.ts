import canonicalize from 'canonicalize';
import { DEFAULT_LIFECYCLE_STAGE } from '../contacts/contact';
import { sealContact } from '../contacts/contact-crypto';
import type { ContactCreateInput } from '../contacts/contact.schema';
import type { ContactRepository } from '../contacts/ports';
import type { Company } from '../customers/company';
import type { CompanyCreateInput } from '../customers/company.schema';
import type { StoredContact } from '../contacts/contact';
import type { TransactionCreateInput } from '../customers/customer-record.schema';
import { newTransaction } from '../customers/customer-record.service';
import { customFieldCodec, withCustomFields, type CustomFieldCodec } from '../fields/custom-field-codec';
import type { FieldDefinitionRepository } from '../fields/ports';
import type { FieldCipher } from '../privacy/field-cipher';
import { newId, ULID_PATTERN } from '../shared/ids';
import { FIELD_ENTITY_OF, importSpecFor, type ImportSpec } from './import-fields';
import type { ImportEntity } from './import-job';
import type { ImportRecord } from './ports';

/**
 * A row's fingerprint: an HMAC under the tenant's blind-index key of the validated row (the API
 * input, in canonical JSON, with the order's contact). Equal rows have equal fingerprints in any
 * file, so a row claimed once is never imported again; no personal value appears in the key.
 */
export async function fingerprintOf(cipher: FieldCipher, entity: ImportEntity, input: unknown, contactId?: string): Promise<string> {
  return cipher.blindIndex(`import-row/${entity}`, canonicalize(contactId === undefined ? input : { contactId, input }) ?? '');
}

/**
 * A chunk's spec and custom field codec: the tenant's definitions read once for the whole chunk
 * (the codec keeps them), so every row is checked, and sealed, against the same definitions.
 */
export async function chunkSpecOf(deps: { fields: FieldDefinitionRepository; cipher: FieldCipher }, entity: ImportEntity): Promise<{ spec: ImportSpec; codec?: CustomFieldCodec }> {
  const fieldEntity = FIELD_ENTITY_OF[entity];
  if (fieldEntity === undefined) return { spec: importSpecFor(entity, undefined) };
  const codec = customFieldCodec(deps, fieldEntity);
  return { spec: importSpecFor(entity, await codec.fieldSet()), codec };
}

/** Finds the contact an order row names, by id or by exact email, within the importer's scope. */
export function createContactResolver(deps: { contacts: ContactRepository; cipher: FieldCipher }, scope: { seesAll: boolean; userId: string }) {
  const byEmail = new Map<string, Promise<string | null>>();
  const visible = async (id: string) => {
    const contact = await deps.contacts.get(id);
    return contact && (scope.seesAll || contact.ownerId === scope.userId) ? contact.id : null;
  };
  return async (cells: Record<string, string>): Promise<{ contactId: string } | { field: string; message: string }> => {
    if (cells.contactId !== undefined) {
      const id = ULID_PATTERN.test(cells.contactId) ? await visible(cells.contactId) : null;
      return id ? { contactId: id } : { field: 'contactId', message: 'is not a contact in this workspace' };
    }
    const email = (cells.contactEmail ?? '').trim().toLowerCase();
    let found = byEmail.get(email);
    if (!found) {
      found = (async () => {
        for (const id of await deps.contacts.findIds('email', await deps.cipher.blindIndex('email', email))) {
          if (await visible(id)) return id;
        }
        return null;
      })();
      byEmail.set(email, found);
    }
    const id = await found;
    return id ? { contactId: id } : { field: 'contactEmail', message: 'is the email of no contact in this workspace' };
  };
}

/**
 * The record a validated row creates, as the API would create it: personal fields sealed as the
 * contact service seals them, custom values (checked by validateRow) sealed by the same codec,
 * bound to the record (`contact#<id>`, `company#<id>`), so the record reads back as one the API made.
 */
export async function recordOf(
  entity: ImportEntity,
  input: unknown,
  context: { cipher: FieldCipher; codec?: CustomFieldCodec | undefined; ownerId: string; now: string; fingerprint: string; contactId?: string },
): Promise<ImportRecord> {
  const stamp = { version: 1, createdAt: context.now, updatedAt: context.now };
  const sealCustom = async (itemKey: string, values: Record<string, string | number | boolean | null> | undefined) =>
    context.codec === undefined || values === undefined ? undefined : context.codec.seal(itemKey, values as Record<string, string | number | boolean>);
  switch (entity) {
    case 'contacts': {
      // A new contact starts as the API starts it.
      const { customFields, ...fields } = input as ContactCreateInput;
      const contact = { lifecycleStage: DEFAULT_LIFECYCLE_STAGE, ...fields, id: newId(), ownerId: context.ownerId, ...stamp };
      const value = withCustomFields<StoredContact>(await sealContact(context.cipher, contact), await sealCustom(`contact#${contact.id}`, customFields));
      return { kind: 'contact', fingerprint: context.fingerprint, value };
    }
    case 'companies': {
      const { customFields, ...fields } = input as CompanyCreateInput;
      const company: Company = { ...fields, id: newId(), ownerId: context.ownerId, contactCount: 0, ...stamp };
      return { kind: 'company', fingerprint: context.fingerprint, value: withCustomFields(company, await sealCustom(`company#${company.id}`, customFields)) };
    }
    case 'transactions':
      return {
        kind: 'transaction',
        fingerprint: context.fingerprint,
        value: newTransaction(context.contactId!, input as TransactionCreateInput, context.ownerId, context.now),
      };
  }
}
