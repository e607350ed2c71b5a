/**
 * Writes `src/contacts/phone-metadata.json`, the phone metadata `normalisePhone` validates with:
 * libphonenumber-js's `min` set without its national formatting rules, which Rapport never uses (it
 * stores and compares E.164 only). Parsing, the country and the validity per country read the
 * calling codes, national prefixes and number patterns, which are kept; the formats are 60% of the
 * set, so every handler that validates a phone is ~50 KiB smaller. Run it after updating
 * libphonenumber-js: `npx tsx packages/domain/scripts/phone-metadata.ts` (a test fails until then).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** Field 4 of a country's (or a non-geographic code's) entry holds its formats. */
const FORMATS = 4;

type Entry = unknown[];
interface MinMetadata {
  countries: Record<string, Entry>;
  nonGeographic?: Record<string, Entry>;
  [key: string]: unknown;
}

/** The `min` metadata with every entry's formats emptied. */
export function validationMetadata(min: MinMetadata): MinMetadata {
  const withoutFormats = (entries: Record<string, Entry>) =>
    Object.fromEntries(Object.entries(entries).map(([code, entry]) => [code, entry.map((field, index) => (index === FORMATS ? [] : field))]));
  return {
    ...min,
    countries: withoutFormats(min.countries),
    ...(min.nonGeographic ? { nonGeographic: withoutFormats(min.nonGeographic) } : {}),
  };
}

/** The installed libphonenumber-js's `min` metadata. */
export function installedMinMetadata(): MinMetadata {
  const path = createRequire(import.meta.url).resolve('libphonenumber-js/metadata.min.json');
  return JSON.parse(readFileSync(path, 'utf8')) as MinMetadata;
}

export const PHONE_METADATA_PATH = fileURLToPath(new URL('../src/contacts/phone-metadata.json', import.meta.url));

if (import.meta.main) {
  writeFileSync(PHONE_METADATA_PATH, `${JSON.stringify(validationMetadata(installedMinMetadata()))}\n`);
  console.log(`Wrote ${PHONE_METADATA_PATH}`);
}
