import type { FieldCipher } from '../privacy/field-cipher';
import { maskText } from '../privacy/masking';
import { RECORD_PERSONAL_FIELDS, type CustomerRecordKind, type CustomerRecordOf } from './customer-record';

const fieldsOf = (kind: CustomerRecordKind): readonly string[] => RECORD_PERSONAL_FIELDS[kind];
/** Binds each ciphertext to its record and field (`interaction#<id>`), so it decrypts nowhere else. */
const scopeOf = (kind: CustomerRecordKind, id: string, field: string) => ({ itemKey: `${kind}#${id}`, field });
const valueOf = (record: object, field: string): unknown => (record as Record<string, unknown>)[field];

async function mapPersonal<K extends CustomerRecordKind>(
  kind: K,
  record: CustomerRecordOf[K],
  change: (field: string, value: string) => Promise<string>,
): Promise<CustomerRecordOf[K]> {
  const copy = { ...record };
  await Promise.all(
    fieldsOf(kind).map(async (field) => {
      const value = valueOf(record, field);
      if (typeof value === 'string') Object.assign(copy, { [field]: await change(field, value) });
    }),
  );
  return copy;
}

/** Encrypts a record's personal fields under the tenant's current data key. */
export function sealRecord<K extends CustomerRecordKind>(cipher: FieldCipher, kind: K, record: CustomerRecordOf[K]): Promise<CustomerRecordOf[K]> {
  return mapPersonal(kind, record, (field, value) => cipher.encrypt(scopeOf(kind, record.id, field), value));
}

/** Decrypts a stored record's personal fields. */
export function openRecord<K extends CustomerRecordKind>(cipher: FieldCipher, kind: K, stored: CustomerRecordOf[K]): Promise<CustomerRecordOf[K]> {
  return mapPersonal(kind, stored, (field, value) => cipher.decrypt(scopeOf(kind, stored.id, field), value));
}

/**
 * A record with its personal fields masked as free text (`***`). Masks of free text reveal nothing
 * of the value, so a stored record is masked without being decrypted.
 */
export function maskRecord<K extends CustomerRecordKind>(kind: K, record: CustomerRecordOf[K]): CustomerRecordOf[K] {
  const copy = { ...record };
  for (const field of fieldsOf(kind)) {
    const value = valueOf(record, field);
    if (typeof value === 'string') Object.assign(copy, { [field]: maskText(value) });
  }
  return copy;
}

/** Whether a record carries any personal value (so showing it in clear is worth an audit event). */
export function hasPersonalValues<K extends CustomerRecordKind>(kind: K, record: CustomerRecordOf[K]): boolean {
  return fieldsOf(kind).some((field) => valueOf(record, field) !== undefined);
}
