import { parsePhoneNumberFromString, type MetadataJson } from 'libphonenumber-js/core';
import phoneMetadata from './phone-metadata.json' with { type: 'json' };
import type { PhoneParser } from './phone-parser';

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

/**
 * A phone number as E.164 (`+442079460958`), or why it cannot be one. With its metadata it is
 * ~70 KiB of a bundle, so only the handlers that take a phone hold it: they pass it to
 * `usePhoneParser` (see `phone-parser.ts`).
 */
export const normalisePhone: PhoneParser = (raw) => {
  const value = raw.trim();
  if (!/^\+?[0-9 ().-]+$/.test(value)) return { ok: false, message: 'may contain only digits, spaces, + ( ) - and .' };
  if (!value.startsWith('+')) return { ok: false, message: PHONE_NEEDS_COUNTRY_CODE };
  const parsed = parsePhoneNumberFromString(value, metadata);
  if (!parsed || !parsed.isValid()) return { ok: false, message: PHONE_NOT_VALID };
  return { ok: true, e164: parsed.number };
};
