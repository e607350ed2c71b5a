/**
 * What a caller without the permission to read a sensitive field sees instead of it. Masks have a
 * fixed shape, so a masked value never reveals the length of what it hides; an empty value stays
 * empty, so "no value" and "hidden value" remain distinguishable in the console.
 */

/** The kinds of sensitive field a mask exists for. */
export type MaskKind = 'email' | 'phone' | 'text' | 'date';

const HIDDEN = '***';
/** Fewer digits than this and the last two would be too large a share of the number to show. */
const MIN_DIGITS_TO_HINT = 5;

/**
 * Keeps the first character of the local part and the domain: `jane.doe@example.com` →
 * `j***@example.com`. A one-character local part is hidden entirely (showing it would show all of
 * it); a value that is not an address is masked as text.
 */
export function maskEmail(value: string): string {
  if (value === '') return '';
  const at = value.lastIndexOf('@');
  const domain = value.slice(at + 1);
  if (at < 0 || domain === '') return HIDDEN;
  const local = value.slice(0, at);
  const hint = local.length > 1 ? local.charAt(0) : '';
  return `${hint}${HIDDEN}@${domain}`;
}

/**
 * Keeps the last two digits, enough for a person to recognise which of their numbers it is:
 * `+1 (206) 555-8122` → `***22`. Short numbers are hidden entirely.
 */
export function maskPhone(value: string): string {
  if (value === '') return '';
  const digits = value.replace(/\D/g, '');
  return digits.length < MIN_DIGITS_TO_HINT ? HIDDEN : `${HIDDEN}${digits.slice(-2)}`;
}

/** Hides free text (addresses, notes) entirely. */
export function maskText(value: string): string {
  return value === '' ? '' : HIDDEN;
}

/** Hides a date entirely but keeps the shape of one: `1990-04-02` → `****-**-**`. */
export function maskDate(value: string): string {
  return value === '' ? '' : '****-**-**';
}

/** The mask for a field of the given kind. */
export function maskValue(kind: MaskKind, value: string): string {
  switch (kind) {
    case 'email':
      return maskEmail(value);
    case 'phone':
      return maskPhone(value);
    case 'text':
      return maskText(value);
    case 'date':
      return maskDate(value);
    default: {
      const unknownKind: never = kind;
      throw new TypeError(`No mask for field kind ${String(unknownKind)}`);
    }
  }
}
