import * as z from 'zod';

/**
 * The text a person types into a CRM, checked once for every field: what a screen, an export or a
 * terminal would show wrongly or not at all is refused with a 400 naming the field, not stored.
 *
 * - A lone surrogate is not text: it cannot be encoded as UTF-8, so an export or a webhook would
 *   carry a replacement character (or fail) where the person typed something.
 * - NUL and other control characters end strings early in C libraries and CSV readers, move the
 *   cursor in terminals, and are never typed in a name. Tabs and line breaks are allowed in
 *   multi-line text (notes, ticket bodies) and nowhere else.
 * - Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) reorder what a
 *   reader sees ("Trojan Source"): "Invoice‮fdp.exe" shows as "Invoiceexe.pdf". Right-to-left names
 *   need none of them; the plain marks (U+200E, U+200F, U+061C) stay allowed.
 * - A value made only of invisible characters (zero-width spaces, joiners, soft hyphens) is empty.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const CONTROL_IN_LINE = /[\u0000-\u001F\u007F-\u009F]/;
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;
const INVISIBLE = /[\s\u00AD\u034F\u061C\u115F\u1160\u180E\u200B-\u200F\u2060-\u2064\u3164\uFEFF\uFFA0]/g;

/** What is wrong with `value` as text a person typed, in words that follow the field's name; null when nothing is. */
export function textProblem(value: string, kind: 'line' | 'multiline'): string | null {
  if (LONE_SURROGATE.test(value)) return 'must be valid Unicode text (it holds a lone surrogate)';
  if (value.includes('\u0000')) return 'must not contain NUL characters';
  if ((kind === 'line' ? CONTROL_IN_LINE : CONTROL_IN_TEXT).test(value)) {
    return kind === 'line' ? 'must be one line, without tabs, line breaks or control characters' : 'must not contain control characters other than tabs and line breaks';
  }
  if (BIDI_CONTROL.test(value)) return 'must not contain bidirectional override or isolate characters (U+202A–U+202E, U+2066–U+2069)';
  return null;
}

/** Whether `value` shows nothing at all: only spaces and invisible characters. */
export const isBlank = (value: string): boolean => value.replace(INVISIBLE, '') === '';

const checked = (kind: 'line' | 'multiline') => (value: string, context: z.RefinementCtx) => {
  const problem = textProblem(value, kind);
  if (problem) context.addIssue({ code: 'custom', message: problem });
  else if (value !== '' && isBlank(value)) context.addIssue({ code: 'custom', message: 'must not be only invisible characters' });
};

/**
 * One line of text a person typed (a name, a title, a label): trimmed, at most `max` characters,
 * not empty unless `allowEmpty` (`emptyMessage` says so where the field's form words it otherwise).
 */
export const text = (max: number, options: { allowEmpty?: boolean; emptyMessage?: string } = {}) => {
  const base = z.string().trim();
  return (options.allowEmpty ? base : base.min(1, options.emptyMessage ?? 'must not be empty')).max(max, `must be at most ${max} characters`).superRefine(checked('line'));
};

/** Text of several lines (notes, a ticket's body): trimmed, at most `max` characters; empty only when `allowEmpty`. */
export const multilineText = (max: number, options: { allowEmpty?: boolean } = {}) => {
  const base = z.string().trim();
  return (options.allowEmpty ? base : base.min(1, 'must not be empty')).max(max, `must be at most ${max} characters`).superRefine(checked('multiline'));
};

/**
 * The years a CRM's dates fall in. A birthday, a close date, a due time or an order outside them is
 * a typing or parsing mistake (year 0000, 9999), and would sort and chart as nonsense.
 */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2199;
const yearOf = (value: string) => Number(value.slice(0, 4));
// Only a value that starts like a date is judged by its year: one that does not has its format's issue already.
const inRange = (value: string) => !/^\d{4}-/.test(value) || (yearOf(value) >= FIRST_YEAR && yearOf(value) <= LAST_YEAR);
const RANGE_MESSAGE = `must be between the years ${FIRST_YEAR} and ${LAST_YEAR}`;

/** A calendar day, YYYY-MM-DD, that exists and falls in the sane range. */
export const day = (message = 'must be a date such as 2026-06-30') => z.iso.date(message).refine(inRange, RANGE_MESSAGE);

/** A calendar month, YYYY-MM, in the sane range. */
export const month = (message = 'must be a month such as 2026-06') =>
  z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, message)
    .refine(inRange, RANGE_MESSAGE);

/** The longest date-time taken: nanoseconds and an offset (`2026-05-01T14:30:00.123456789+01:00`) are 35 characters. */
export const MAX_INSTANT_LENGTH = 40;

/**
 * An instant with its offset (`2026-03-01T09:30:00+01:00` or `…Z`), stored in UTC; from 1970 (ULIDs,
 * and so records, start there) to the end of the sane range.
 */
export const instant = (message = 'must be an ISO 8601 date-time such as 2026-05-01T14:30:00Z') =>
  z.iso
    .datetime({ offset: true, message })
    .max(MAX_INSTANT_LENGTH, `must be at most ${MAX_INSTANT_LENGTH} characters`)
    .transform((value) => new Date(value).toISOString())
    .refine((value) => Date.parse(value) >= 0, 'must not be before 1970')
    .refine(inRange, RANGE_MESSAGE);
