/**
 * A period as a person picks it: whole days in their own time zone, `YYYY-MM-DD` in the address
 * and the date fields, sent to the API as the instants from the first day's start to the last
 * day's end. The API holds the rules (how long a period may be): its refusals are shown next to
 * the field they name.
 */
export interface PeriodDays {
  from: string;
  to: string;
}

const pad = (value: number) => String(value).padStart(2, '0');

/** A date's day in the person's time zone, as a date field holds it. */
export function dayOf(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The last `days` days, today included. */
export function lastDays(days: number, now = new Date()): PeriodDays {
  const start = new Date(now);
  start.setDate(start.getDate() - (days - 1));
  return { from: dayOf(start), to: dayOf(now) };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Whether a string is a day as a date field gives it. */
export const isDay = (value: string | null | undefined): value is string => typeof value === 'string' && DAY.test(value);

/** The period as the API takes it: from the first day's local midnight to the last day's end. */
export function periodQuery(period: PeriodDays): { from: string; to: string } {
  const [fromYear, fromMonth, fromDay] = period.from.split('-').map(Number) as [number, number, number];
  const [toYear, toMonth, toDay] = period.to.split('-').map(Number) as [number, number, number];
  return {
    from: new Date(fromYear, fromMonth - 1, fromDay).toISOString(),
    to: new Date(toYear, toMonth - 1, toDay, 23, 59, 59, 999).toISOString(),
  };
}

/** An instant in the person's words: "5 Dec 2026, 14:02:11". */
export function when(time: string): string {
  return new Date(time).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

/** A period for a sentence: "5 Dec 2026 to 6 Dec 2026", or one day. */
export function periodWords(period: PeriodDays): string {
  const day = (value: string) => new Date(`${value}T12:00:00`).toLocaleDateString(undefined, { dateStyle: 'medium' });
  return period.from === period.to ? day(period.from) : `${day(period.from)} to ${day(period.to)}`;
}
