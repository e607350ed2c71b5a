/**
 * The instants that bound "today" in a time zone, as UTC ISO strings: `from` is the first instant
 * of today there, `to` the first of tomorrow (exclusive). Computed with Intl, so daylight-saving
 * days are 23 or 25 hours long as they should be.
 */
export function todayIn(timeZone: string, now: Date): { from: string; to: string } {
  const { year, month, day } = localDate(timeZone, now);
  return {
    from: startOfLocalDay(timeZone, year, month, day).toISOString(),
    to: startOfLocalDay(timeZone, year, month, day + 1).toISOString(),
  };
}

function localDate(timeZone: string, instant: Date) {
  const parts = partsOf(timeZone, instant);
  return { year: parts.year, month: parts.month, day: parts.day };
}

/** The UTC instant of local midnight: midnight as if UTC, moved by the zone's offset at that time. */
function startOfLocalDay(timeZone: string, year: number, month: number, day: number): Date {
  const asUtc = Date.UTC(year, month - 1, day);
  let guess = asUtc - offsetMs(timeZone, new Date(asUtc));
  // The offset may differ at the guess (a change of offset near midnight): one correction settles it.
  guess = asUtc - offsetMs(timeZone, new Date(guess));
  return new Date(guess);
}

/** How far local time is ahead of UTC at an instant. */
function offsetMs(timeZone: string, instant: Date): number {
  const p = partsOf(timeZone, instant);
  const localAsUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return localAsUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

function partsOf(timeZone: string, instant: Date) {
  const formatted = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const value = (type: string) => Number(formatted.find((part) => part.type === type)?.value);
  return { year: value('year'), month: value('month'), day: value('day'), hour: value('hour'), minute: value('minute'), second: value('second') };
}
