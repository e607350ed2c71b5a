import { describe, expect, it } from 'vitest';
import { canMove, DEFAULT_SLA_TARGETS, dueTimes, watchedDueAt, withBreaches, type Ticket } from './ticket';

const created = '2026-03-02T09:00:00.000Z';
const aTicket = (overrides: Partial<Ticket> = {}): Ticket => ({
  id: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
  subject: 'x',
  priority: 'urgent',
  status: 'open',
  createdBy: 'u',
  createdAt: created,
  updatedAt: created,
  ...dueTimes(DEFAULT_SLA_TARGETS, 'urgent', created),
  firstResponseBreached: false,
  resolutionBreached: false,
  version: 1,
  ...overrides,
});

describe('SLA due times and breaches', () => {
  it('adds the priority targets in calendar minutes to the creation time', () => {
    expect(dueTimes(DEFAULT_SLA_TARGETS, 'urgent', created)).toEqual({ firstResponseDueAt: '2026-03-02T10:00:00.000Z', resolutionDueAt: '2026-03-02T13:00:00.000Z' });
    // Calendar time: a Friday-evening low ticket is due on Monday evening, weekend included.
    expect(dueTimes(DEFAULT_SLA_TARGETS, 'low', '2026-03-06T18:00:00.000Z').firstResponseDueAt).toBe('2026-03-07T18:00:00.000Z');
  });

  it('flags a missing response once its due time has passed, and a late one for good', () => {
    // Prepare
    const open = aTicket();

    // Act + Assess
    expect(withBreaches(open, new Date('2026-03-02T09:59:59.999Z'))).toMatchObject({ firstResponseBreached: false, resolutionBreached: false });
    expect(withBreaches(open, new Date('2026-03-02T10:00:00.001Z'))).toMatchObject({ firstResponseBreached: true, resolutionBreached: false });
    expect(withBreaches(aTicket({ firstResponseAt: '2026-03-02T09:30:00.000Z' }), new Date('2026-03-02T12:00:00.000Z'))).toMatchObject({ firstResponseBreached: false });
    expect(withBreaches(aTicket({ firstResponseAt: '2026-03-02T10:30:00.000Z' }), new Date('2026-03-02T10:31:00.000Z'))).toMatchObject({ firstResponseBreached: true });
  });

  it('keeps the stored flags of a resolved ticket, whatever the time', () => {
    const resolved = aTicket({ status: 'resolved', resolvedAt: '2026-03-02T09:10:00.000Z', firstResponseBreached: true, resolutionBreached: false });
    expect(withBreaches(resolved, new Date('2027-01-01T00:00:00.000Z'))).toBe(resolved);
  });

  it('watches the first response until it came in time, then the resolution', () => {
    expect(watchedDueAt(aTicket())).toBe('2026-03-02T10:00:00.000Z');
    expect(watchedDueAt(aTicket({ firstResponseAt: '2026-03-02T09:10:00.000Z' }))).toBe('2026-03-02T13:00:00.000Z');
    expect(watchedDueAt(aTicket({ firstResponseAt: '2026-03-02T11:00:00.000Z', firstResponseBreached: true }))).toBe('2026-03-02T10:00:00.000Z');
  });
});

describe('status transitions', () => {
  it.each([
    ['open', 'pending', true],
    ['pending', 'open', true],
    ['open', 'resolved', true],
    ['resolved', 'open', true],
    ['resolved', 'closed', true],
    ['open', 'closed', false],
    ['pending', 'closed', false],
    ['closed', 'open', false],
  ] as const)('%s → %s allowed: %s', (from, to, allowed) => {
    expect(canMove(from, to)).toBe(allowed);
  });
});
