import { describe, expect, it } from 'vitest';
import { maskDate, maskEmail, maskPhone, maskText, maskValue, type MaskKind } from './masking';

describe('maskEmail', () => {
  it('keeps the first letter of the local part and the domain', () => {
    // Act
    const masked = maskEmail('jane.doe@example.com');

    // Assess
    expect(masked).toBe('j***@example.com');
  });

  it('hides a one-letter local part entirely, since its first letter is all of it', () => {
    // Act
    const masked = maskEmail('j@example.com');

    // Assess
    expect(masked).toBe('***@example.com');
  });

  it('hides the same way whatever the length of the local part', () => {
    // Act
    const short = maskEmail('jo@example.com');
    const long = maskEmail('jonathan.livingston.seagull@example.com');

    // Assess
    expect(short).toBe('j***@example.com');
    expect(long).toBe('j***@example.com');
  });

  it('masks as text a value with no @ or nothing after it', () => {
    // Act
    const noAt = maskEmail('jane.doe.example.com');
    const noDomain = maskEmail('jane.doe@');

    // Assess
    expect(noAt).toBe('***');
    expect(noDomain).toBe('***');
  });

  it('keeps only what follows the last @ of a quoted local part', () => {
    // Act
    const masked = maskEmail('"jane@home"@example.com');

    // Assess
    expect(masked).toBe('"***@example.com');
  });

  it('leaves an empty value empty', () => {
    // Act
    const masked = maskEmail('');

    // Assess
    expect(masked).toBe('');
  });
});

describe('maskPhone', () => {
  it('keeps the last two digits only', () => {
    // Act
    const masked = maskPhone('+1 (206) 555-8122');

    // Assess
    expect(masked).toBe('***22');
  });

  it('ignores separators when picking the last digits', () => {
    // Act
    const masked = maskPhone('0612 34 56 7-8 ');

    // Assess
    expect(masked).toBe('***78');
  });

  it('hides a number too short to show any of it, and a value without digits', () => {
    // Act
    const short = maskPhone('1234');
    const noDigits = maskPhone('ask reception');

    // Assess
    expect(short).toBe('***');
    expect(noDigits).toBe('***');
  });

  it('leaves an empty value empty', () => {
    // Act
    const masked = maskPhone('');

    // Assess
    expect(masked).toBe('');
  });
});

describe('maskText and maskDate', () => {
  it('hide the whole value behind a fixed-length mask', () => {
    // Act
    const address = maskText('221B Baker Street, London');
    const note = maskText('x');
    const date = maskDate('1990-04-02');

    // Assess
    expect(address).toBe('***');
    expect(note).toBe('***');
    expect(date).toBe('****-**-**');
  });

  it('leave an empty value empty', () => {
    // Act
    const text = maskText('');
    const date = maskDate('');

    // Assess
    expect(text).toBe('');
    expect(date).toBe('');
  });
});

describe('maskValue', () => {
  it.each<[MaskKind, string, string]>([
    ['email', 'jane.doe@example.com', 'j***@example.com'],
    ['phone', '+1 (206) 555-8122', '***22'],
    ['text', '12 Main St', '***'],
    ['date', '1990-04-02', '****-**-**'],
  ])('masks a %s field with its own mask', (kind, value, expected) => {
    // Act
    const masked = maskValue(kind, value);

    // Assess
    expect(masked).toBe(expected);
  });

  it('refuses a kind it has no mask for rather than returning the value', () => {
    // Act
    const attempt = () => maskValue('ssn' as MaskKind, '078-05-1120');

    // Assess
    expect(attempt).toThrow(TypeError);
  });
});
