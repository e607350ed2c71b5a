import { getCountryCallingCode, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import mobileExamples from 'libphonenumber-js/examples.mobile.json' with { type: 'json' };
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { installedMinMetadata, PHONE_METADATA_PATH, validationMetadata } from '../../scripts/phone-metadata';
import { contactCreateSchema } from './contact.schema';
import { comparableName, nameBlockingKey } from './contact-normalisation';
import { normalisePhone, PHONE_NEEDS_COUNTRY_CODE, PHONE_NOT_VALID } from './phone';
import { usePhoneParser } from './phone-parser';

describe('normalisePhone', () => {
  it.each([
    ['+1 (206) 555-8122', '+12065558122'],
    ['+44 20 7946 0958', '+442079460958'],
    ['  +49 30 1234567 ', '+49301234567'],
    ['+33.1.23.45.67.89', '+33123456789'],
  ])('writes %s as E.164 %s', (raw, e164) => {
    expect(normalisePhone(raw)).toEqual({ ok: true, e164 });
  });

  it('refuses a number without its country code, saying to include it', () => {
    expect(normalisePhone('020 7946 0958')).toEqual({ ok: false, message: PHONE_NEEDS_COUNTRY_CODE });
  });

  it.each(['+1 555', '+44 12', '+999 1234 5678'])('refuses %s, which no country numbers so', (raw) => {
    expect(normalisePhone(raw)).toEqual({ ok: false, message: PHONE_NOT_VALID });
  });

  it('refuses letters before parsing', () => {
    expect(normalisePhone('call me')).toMatchObject({ ok: false, message: expect.stringContaining('digits') });
  });
});

describe('the contact schema normalises on write', () => {
  beforeAll(() => usePhoneParser(normalisePhone));

  it('trims names, lower-cases and trims the email, and writes the phone as E.164', () => {
    const parsed = contactCreateSchema.parse({ firstName: '  Zoë ', lastName: ' Peacock ', email: ' Zoe.Peacock@EXAMPLE.com ', phone: '+44 (0)20 7946 0958' });

    expect(parsed).toEqual({ firstName: 'Zoë', lastName: 'Peacock', email: 'zoe.peacock@example.com', phone: '+442079460958' });
  });

  it('names the phone field when it refuses one', () => {
    const result = contactCreateSchema.safeParse({ firstName: 'A', phone: '07946 0958' });

    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([expect.objectContaining({ path: ['phone'], message: PHONE_NEEDS_COUNTRY_CODE })]);
  });
});

describe('name keys', () => {
  it('folds case, accents and punctuation', () => {
    expect(comparableName("  Zoë  O'Brien-Smith ")).toBe('zoe o brien smith');
  });

  it('blocks on the surname and the first initial, or on the first name alone', () => {
    expect(nameBlockingKey({ firstName: 'Margaret', lastName: 'Peacock' })).toBe('peacock|m');
    expect(nameBlockingKey({ firstName: 'margret', lastName: 'PEACOCK' })).toBe('peacock|m');
    expect(nameBlockingKey({ firstName: 'Cher' })).toBe('|cher');
    expect(nameBlockingKey({ firstName: '!!!' })).toBeUndefined();
  });
});

describe('the phone metadata', () => {
  it('is the installed libphonenumber-js min set without its formats (regenerate: npx tsx packages/domain/scripts/phone-metadata.ts)', () => {
    const committed: unknown = JSON.parse(readFileSync(PHONE_METADATA_PATH, 'utf8'));

    expect(committed).toEqual(validationMetadata(installedMinMetadata()));
  });

  it('parses and validates as the full min set does, for every country', () => {
    const full = new Map<string, string | false>();
    const examples = Object.entries(mobileExamples as Record<string, string>);
    const inputs = examples.flatMap(([country, national]) => {
      const code = getCountryCallingCode(country as CountryCode);
      return [`+${code}${national}`, `+${code} ${national.slice(0, 3)} ${national.slice(3)}`, `+${code}${national.slice(0, -1)}`, `+${code}${national}9`, `+${code}0${national}`];
    });
    for (const input of inputs) {
      const parsed = parsePhoneNumberFromString(input);
      full.set(input, parsed?.isValid() ? parsed.number : false);
    }

    const ours = new Map(inputs.map((input) => {
      const result = normalisePhone(input);
      return [input, result.ok ? result.e164 : false] as const;
    }));

    expect(examples.length).toBeGreaterThan(200);
    expect(ours).toEqual(full);
  });
});
