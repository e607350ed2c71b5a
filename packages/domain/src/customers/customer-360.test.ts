import { describe, expect, it } from 'vitest';
import { behaviourWindow, summariseBehaviour, summariseFeedback, summariseTransactions, VIEW_LIMITS } from './customer-360';
import type { Feedback, Transaction } from './customer-record';

const aTransaction = (index: number, currency: string, amountMinor: number): Transaction => ({
  id: `T${String(index).padStart(3, '0')}`,
  contactId: 'C',
  createdBy: 'U',
  createdAt: '2026-01-01T00:00:00.000Z',
  items: [],
  currency,
  amount: '',
  amountMinor,
  time: '2026-01-01T00:00:00.000Z',
});
const aFeedback = (overrides: Partial<Feedback>): Feedback => ({
  id: 'F',
  contactId: 'C',
  createdBy: 'U',
  createdAt: '2026-01-01T00:00:00.000Z',
  kind: 'suggestion',
  ...overrides,
});

describe('the 360 summaries', () => {
  it('totals orders per currency over all of them and shows the latest ten', () => {
    // Prepare
    const transactions = Array.from({ length: 12 }, (_, index) => aTransaction(index, index % 3 === 0 ? 'JPY' : 'EUR', 1999));

    // Act
    const summary = summariseTransactions(transactions);

    // Assess
    expect(summary.latest).toHaveLength(VIEW_LIMITS.transactions);
    expect(summary.latest[0]!.id).toBe('T000');
    expect(summary.count).toBe(12);
    expect(summary.lifetimeAmount).toEqual([
      { currency: 'EUR', amount: '159.92', amountMinor: 15992 },
      { currency: 'JPY', amount: '7996', amountMinor: 7996 },
    ]);
  });

  it('averages CSAT to two decimals, takes the newest NPS and counts open complaints', () => {
    // Prepare
    const feedback = [
      aFeedback({ kind: 'nps', score: 9, createdAt: '2026-02-02T00:00:00.000Z' }),
      aFeedback({ kind: 'csat', score: 5 }),
      aFeedback({ kind: 'complaint', status: 'open' }),
      aFeedback({ kind: 'csat', score: 4 }),
      aFeedback({ kind: 'nps', score: 3 }),
      aFeedback({ kind: 'csat', score: 4 }),
    ];

    // Act
    const summary = summariseFeedback(feedback);

    // Assess
    expect(summary).toEqual({
      count: 6,
      averageCsat: 4.33,
      csatResponses: 3,
      latestNps: { score: 9, at: '2026-02-02T00:00:00.000Z' },
      openComplaints: 1,
    });
  });

  it('has no CSAT average and no NPS without ratings', () => {
    // Act
    const summary = summariseFeedback([]);

    // Assess
    expect(summary).toMatchObject({ averageCsat: null, latestNps: null, count: 0 });
  });

  it('keeps the behaviour of the last 30 days, oldest first, and totals it', () => {
    // Prepare
    const window = behaviourWindow(new Date('2026-05-30T23:59:00Z'));
    const days = [
      { day: '2026-05-30', pageViews: 2, clicks: 1, dwellSeconds: 30 },
      { day: '2026-04-30', pageViews: 100, clicks: 100, dwellSeconds: 100 },
      { day: '2026-05-01', pageViews: 3, clicks: 0, dwellSeconds: 12 },
    ];

    // Act
    const summary = summariseBehaviour(days, window);

    // Assess
    expect(window).toEqual({ from: '2026-05-01', to: '2026-05-30' });
    expect(summary.days.map((day) => day.day)).toEqual(['2026-05-01', '2026-05-30']);
    expect(summary.totals).toEqual({ pageViews: 5, clicks: 1, dwellSeconds: 42 });
  });
});
