import type { FieldCipher } from '../privacy/field-cipher';
import { maskDate, maskText } from '../privacy/masking';
import type { CustomFieldValue, CustomFieldValues } from './field-definition';
import type { FieldSet } from './field-set';

/**
 * Binds a sensitive value's ciphertext to the tenant (through the cipher), the record
 * (`contact#<id>`, `company#<id>`) and the field (`customFields.<key>`), so it decrypts nowhere else.
 */
const scopeOf = (itemKey: string, key: string) => ({ itemKey, field: `customFields.${key}` });

/**
 * A record's custom values (by key, in clear) as stored: by field id, sensitive ones encrypted
 * under the tenant's current data key. JSON-encoded before encryption, so numbers and booleans
 * come back as what they were. Keys with no definition are dropped (a field deleted since).
 */
export async function sealCustomFields(cipher: FieldCipher, fields: FieldSet, itemKey: string, values: CustomFieldValues | undefined): Promise<CustomFieldValues | undefined> {
  if (values === undefined) return undefined;
  const stored: CustomFieldValues = {};
  await Promise.all(
    Object.entries(values).map(async ([key, value]) => {
      const definition = fields.byKey.get(key);
      if (!definition) return;
      stored[definition.id] = definition.sensitive ? await cipher.encrypt(scopeOf(itemKey, key), JSON.stringify(value)) : value;
    }),
  );
  return Object.keys(stored).length === 0 ? undefined : stored;
}

/** Stored custom values back by key and in clear; values of fields deleted since are left out. */
export async function openCustomFields(cipher: FieldCipher, fields: FieldSet, itemKey: string, stored: CustomFieldValues | undefined): Promise<CustomFieldValues | undefined> {
  if (stored === undefined) return undefined;
  const values: CustomFieldValues = {};
  await Promise.all(
    Object.entries(stored).map(async ([id, value]) => {
      const definition = fields.byId.get(id);
      if (!definition) return;
      values[definition.key] = definition.sensitive ? (JSON.parse(await cipher.decrypt(scopeOf(itemKey, definition.key), String(value))) as CustomFieldValue) : value;
    }),
  );
  return Object.keys(values).length === 0 ? undefined : values;
}

/** Values with the sensitive ones masked: a date as `****-**-**`, anything else as `***`. */
export function maskCustomFields(fields: FieldSet, values: CustomFieldValues | undefined): CustomFieldValues | undefined {
  if (values === undefined) return undefined;
  const masked: CustomFieldValues = { ...values };
  for (const [key, value] of Object.entries(values)) {
    const definition = fields.byKey.get(key);
    if (definition?.sensitive) masked[key] = definition.type === 'date' ? maskDate(String(value)) : maskText(String(value));
  }
  return masked;
}

/** Whether any of the values is of a sensitive field (so showing them in clear is worth an audit event). */
export function hasSensitiveValues(fields: FieldSet, values: CustomFieldValues | undefined): boolean {
  return Object.keys(values ?? {}).some((key) => fields.byKey.get(key)?.sensitive === true);
}
