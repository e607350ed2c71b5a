/** Day arithmetic in UTC for the generator: days are YYYY-MM-DD, instants are epoch milliseconds. */
export const DAY_MS = 86_400_000;

export const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const isoOf = (ms: number) => new Date(ms).toISOString();
export const startOfDay = (day: string) => Date.parse(`${day}T00:00:00.000Z`);

/** An instant during office hours (08:00–18:00 UTC) on the day of `ms`. */
export function officeHours(ms: number, fraction: number): number {
  return startOfDay(dayOf(ms)) + 8 * 3_600_000 + Math.floor(fraction * 10 * 3_600_000);
}
