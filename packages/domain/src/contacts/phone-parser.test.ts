import { beforeEach, describe, expect, it, vi } from 'vitest';

describe('the phone parser slot', () => {
  beforeEach(() => vi.resetModules());

  it('refuses to parse before a handler sets the parser, rather than accept an unchecked number', async () => {
    // Prepare: a fresh module, as in a bundle whose handler takes no phone.
    const { contactCreateSchema } = await import('./contact.schema');

    // Act / Assess
    expect(() => contactCreateSchema.parse({ firstName: 'A', phone: '+44 20 7946 0958' })).toThrow(/usePhoneParser/);
  });

  it('parses with the parser set', async () => {
    // Prepare
    const { contactCreateSchema } = await import('./contact.schema');
    const { usePhoneParser } = await import('./phone-parser');
    const { normalisePhone } = await import('./phone');

    // Act
    usePhoneParser(normalisePhone);

    // Assess
    expect(contactCreateSchema.parse({ firstName: 'A', phone: '+44 20 7946 0958' })).toEqual({ firstName: 'A', phone: '+442079460958' });
  });
});
