import { describe, expect, it } from 'vitest';
import { decimalPlaces, formatMinorUnits, isCurrencyCode, minorDigits, toMinorUnits } from './money';

describe('money in minor units', () => {
  it('multiplies and adds exactly where floats do not', () => {
    // Prepare
    const [tenth, fifth] = [toMinorUnits('0.1', 'EUR'), toMinorUnits('0.2', 'EUR')];

    // Act
    const total = 3n * toMinorUnits('19.99', 'EUR') + tenth + fifth;

    // Assess
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(formatMinorUnits(tenth + fifth, 'EUR')).toBe('0.30');
    expect(formatMinorUnits(total, 'EUR')).toBe('60.27');
  });

  it.each([
    ['EUR', '5', 500n, '5.00'],
    ['JPY', '1200', 1200n, '1200'],
    ['KWD', '1.5', 1500n, '1.500'],
    ['EUR', '0.50', 50n, '0.50'],
    ['USD', '0', 0n, '0.00'],
  ])('reads %s %s as %s minor units and writes it back as %s', (currency, decimal, minor, formatted) => {
    // Act
    const read = toMinorUnits(decimal, currency);

    // Assess
    expect(read).toBe(minor);
    expect(formatMinorUnits(read, currency)).toBe(formatted);
  });

  it('refuses more decimal places than the currency has, ignoring trailing zeros', () => {
    // Act + Assess
    expect(() => toMinorUnits('1.001', 'EUR')).toThrow(RangeError);
    expect(() => toMinorUnits('1', 'JPY')).not.toThrow();
    expect(() => toMinorUnits('1.5', 'JPY')).toThrow(RangeError);
    expect(decimalPlaces('1.2500')).toBe(2);
    expect(minorDigits('BHD')).toBe(3);
  });

  it('knows ISO 4217 codes and nothing else', () => {
    // Act + Assess
    expect(isCurrencyCode('EUR')).toBe(true);
    expect(isCurrencyCode('CHF')).toBe(true);
    expect(isCurrencyCode('EUX')).toBe(false);
    expect(isCurrencyCode('eur')).toBe(false);
  });

  it('formats negative amounts and amounts below one unit', () => {
    // Act + Assess
    expect(formatMinorUnits(-5n, 'EUR')).toBe('-0.05');
    expect(formatMinorUnits(7, 'KWD')).toBe('0.007');
  });
});
