import { parsePhoneNumberFromString, type MetadataJson } from 'libphonenumber-js/core';
import phoneMetadata from './phone-metadata.json' with { type: 'json' };

/**
 * libphonenumber-js's `min` metadata without its formatting rules (see `scripts/phone-metadata.ts`):
 * the same parsing and validity per country, half the size in every bundle that validates a phone.
 */
const metadata = phoneMetadata as unknown as MetadataJson;

/**
 * Why a phone number is refused. Rapport has no per-workspace default country yet, so a number is
 * accepted only with its country code: guessing a region would silently store a wrong E.164 for
 * half the world, and two spellings of one number would then never match as duplicates.
 */
export const PHONE_NEEDS_COUNTRY_CODE = 'must include the country code, such as +44 20 7946 0958';
export const PHONE_NOT_VALID = 'is not a valid phone number';

/** A phone number as E.164 (`+442079460958`), or why it cannot be one. */
export function normalisePhone(raw: string): { ok: true; e164: string } | { ok: false; message: string } {
  const value = raw.trim();
  if (!/^\+?[0-9 ().-]+$/.test(value)) return { ok: false, message: 'may contain only digits, spaces, + ( ) - and .' };
  if (!value.startsWith('+')) return { ok: false, message: PHONE_NEEDS_COUNTRY_CODE };
  const parsed = parsePhoneNumberFromString(value, metadata);
  if (!parsed || !parsed.isValid()) return { ok: false, message: PHONE_NOT_VALID };
  return { ok: true, e164: parsed.number };
}

/**
 * A name as compared for duplicates: accents folded (`Zoë` → `zoe`), lower-cased, anything but
 * letters and digits turned into single spaces.
 */
export function comparableName(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The blocking key of fuzzy duplicate search: the comparable surname and the first name's initial
 * (`peacock|m`), or the whole first name for a contact without a surname. Only contacts that share
 * it are compared, so a search reads one small index partition instead of the tenant. The price is
 * that a typo in the surname (or a different first initial) is not found by this reason; same
 * email and same phone still are.
 */
export function nameBlockingKey(person: { firstName: string; lastName?: string | undefined }): string | undefined {
  const first = comparableName(person.firstName);
  const last = person.lastName === undefined ? '' : comparableName(person.lastName);
  if (last !== '') return `${last}|${first.slice(0, 1)}`;
  return first === '' ? undefined : `|${first}`;
}

/**
 * The blocking key a contact is indexed and searched by for the similar-name reason, which holds
 * only at a similar company (see companySimilarity): none for a contact with neither `company`
 * nor `companyId`, which no namesake can match, so its create writes no name lookup and its search
 * reads no namesakes' partition (one that grows with the workspace's namesakes).
 */
export function similarNameKey(person: { firstName: string; lastName?: string | undefined; company?: string | undefined; companyId?: string | undefined }): string | undefined {
  return person.company === undefined && person.companyId === undefined ? undefined : nameBlockingKey(person);
}
