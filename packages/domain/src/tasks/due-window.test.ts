import { describe, expect, it } from 'vitest';
import { todayIn } from './due-window';

describe('todayIn', () => {
  it('is the UTC day in UTC', () => {
    expect(todayIn('UTC', new Date('2026-03-10T12:00:00Z'))).toEqual({ from: '2026-03-10T00:00:00.000Z', to: '2026-03-11T00:00:00.000Z' });
  });

  it('starts at local midnight in Berlin, which is the previous UTC evening', () => {
    // 23:30 UTC on the 10th is already the 11th in Berlin (UTC+1 in winter).
    expect(todayIn('Europe/Berlin', new Date('2026-03-10T23:30:00Z'))).toEqual({ from: '2026-03-10T23:00:00.000Z', to: '2026-03-11T23:00:00.000Z' });
  });

  it('is 23 hours long on the day clocks go forward', () => {
    // Berlin moves to summer time on 29 March 2026.
    expect(todayIn('Europe/Berlin', new Date('2026-03-29T12:00:00Z'))).toEqual({ from: '2026-03-28T23:00:00.000Z', to: '2026-03-29T22:00:00.000Z' });
  });

  it('works west of UTC', () => {
    expect(todayIn('America/New_York', new Date('2026-07-01T02:00:00Z'))).toEqual({ from: '2026-06-30T04:00:00.000Z', to: '2026-07-01T04:00:00.000Z' });
  });
});
