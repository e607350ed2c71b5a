/** Months as the analytics count them: `YYYY-MM`, UTC. */
export type Month = string;

export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The UTC month an ISO timestamp falls in, or null when it is not one. */
export function monthOf(iso: unknown): Month | null {
  if (typeof iso !== 'string' || !/^\d{4}-\d{2}/.test(iso)) return null;
  const month = iso.slice(0, 7);
  return MONTH_PATTERN.test(month) ? month : null;
}

/** The month `count` months after `month` (before it when negative). */
export function addMonths(month: Month, count: number): Month {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (mon - 1) + count;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** How many months `from`..`to` spans, both included (0 or less when `to` is before `from`). */
export function monthSpan(from: Month, to: Month): number {
  const index = (month: Month) => {
    const [year, mon] = month.split('-').map(Number) as [number, number];
    return year * 12 + mon;
  };
  return index(to) - index(from) + 1;
}

/** Every month from `from` to `to`, in order. */
export function monthsBetween(from: Month, to: Month): Month[] {
  return Array.from({ length: Math.max(0, monthSpan(from, to)) }, (_, index) => addMonths(from, index));
}
