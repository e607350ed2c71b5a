/**
 * Money as integer minor units (cents), never floats: 3 × 19.99 is exactly 59.97. Amounts arrive as
 * decimal strings (or JSON numbers, read through their shortest decimal form), are checked against
 * the currency's minor unit, and are summed as bigints.
 */

/** ISO 4217 currencies whose minor unit is not 2 digits; every other currency has 2. */
const MINOR_DIGITS: Readonly<Record<string, number>> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
};

/** A non-negative decimal, as a client may write a price: `19.99`, `5`, `0.5`. */
export const DECIMAL_PATTERN = /^\d{1,15}(?:\.\d{1,8})?$/;

let currencies: ReadonlySet<string> | undefined;

/** Whether `code` is an ISO 4217 currency code (upper case), as the runtime's ICU data knows them. */
export function isCurrencyCode(code: string): boolean {
  currencies ??= new Set(Intl.supportedValuesOf('currency'));
  return currencies.has(code);
}

/** Digits after the decimal point in the currency's minor unit (2 for EUR, 0 for JPY, 3 for KWD). */
export function minorDigits(currency: string): number {
  return MINOR_DIGITS[currency] ?? 2;
}

/** Digits after the decimal point that `decimal` actually uses (trailing zeros do not count). */
export function decimalPlaces(decimal: string): number {
  const fraction = decimal.split('.')[1] ?? '';
  return fraction.replace(/0+$/, '').length;
}

/** `decimal` (matching {@link DECIMAL_PATTERN}, within the currency's digits) in minor units. */
export function toMinorUnits(decimal: string, currency: string): bigint {
  const digits = minorDigits(currency);
  const [whole = '0', fraction = ''] = decimal.split('.');
  const kept = fraction.replace(/0+$/, '');
  if (kept.length > digits) throw new RangeError(`${decimal} has more decimal places than ${currency} allows`);
  return BigInt(whole) * 10n ** BigInt(digits) + BigInt(kept.padEnd(digits, '0') || '0');
}

/** Minor units as a decimal string with exactly the currency's digits: 5997 EUR → `59.97`. */
export function formatMinorUnits(minor: bigint | number, currency: string): string {
  const digits = minorDigits(currency);
  const value = BigInt(minor);
  const sign = value < 0n ? '-' : '';
  const text = (value < 0n ? -value : value).toString().padStart(digits + 1, '0');
  return digits === 0 ? `${sign}${text}` : `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}
