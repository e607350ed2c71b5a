import type { FieldCipher } from '../privacy/field-cipher';
import { similarNameKey } from './contact-normalisation';
import { PERSONAL_FIELDS, type Contact, type PersonalField, type StoredContact } from './contact';

const personalFields = Object.keys(PERSONAL_FIELDS) as PersonalField[];
const scopeOf = (id: string, field: PersonalField) => ({ itemKey: `contact#${id}`, field });

/**
 * Encrypts every personal field under the tenant's current data key (so a write also moves old
 * values onto a rotated key) and adds the blind indexes of its email, phone and name blocking key
 * (the last only where the similar-name reason can hold: see similarNameKey).
 */
export async function sealContact(cipher: FieldCipher, contact: Contact): Promise<StoredContact> {
  const stored: StoredContact = { ...contact };
  await Promise.all(
    personalFields.map(async (field) => {
      const value = contact[field];
      if (value !== undefined) stored[field] = await cipher.encrypt(scopeOf(contact.id, field), value);
    }),
  );
  if (contact.email !== undefined) stored.emailIndex = await cipher.blindIndex('email', contact.email);
  if (contact.phone !== undefined) stored.phoneIndex = await cipher.blindIndex('phone', contact.phone);
  const blockingKey = similarNameKey(contact);
  if (blockingKey !== undefined) stored.nameIndex = await cipher.blindIndex('name-block', blockingKey);
  return stored;
}

/** Decrypts a stored contact's personal fields. */
export async function openContact(cipher: FieldCipher, stored: StoredContact): Promise<Contact> {
  const { emailIndex: _email, phoneIndex: _phone, nameIndex: _name, ...contact } = stored;
  await Promise.all(
    personalFields.map(async (field) => {
      const value = stored[field];
      if (value !== undefined) contact[field] = await cipher.decrypt(scopeOf(stored.id, field), value);
    }),
  );
  return contact;
}

/** Whether a contact carries any personal value (so showing it in clear is worth an audit event). */
export function hasPersonalData(contact: Contact): boolean {
  return personalFields.some((field) => contact[field] !== undefined);
}
