import { describe, expect, it } from 'vitest';
import type { Deal } from './deal';
import { computeForecast, monthsBetween } from './forecast';
import type { Pipeline } from './pipeline';

const pipeline: Pipeline = {
  id: 'P',
  name: 'Sales',
  stages: [
    { id: 'A', name: 'Early', probability: 10 },
    { id: 'B', name: 'Late', probability: 50 },
  ],
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

const aDeal = (overrides: Partial<Deal>): Deal => ({
  id: 'D',
  title: 'Deal',
  contactId: 'C',
  ownerId: 'U',
  pipelineId: 'P',
  stageId: 'A',
  amount: '0.00',
  amountMinor: 0,
  currency: 'EUR',
  expectedCloseDate: '2026-03-15',
  status: 'open',
  stagesReached: ['A'],
  history: [],
  createdBy: 'U',
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});

describe('computeForecast', () => {
  it('weighs exactly and rounds once per figure, half up', () => {
    // Prepare: 1 cent at 50% twice is 1 cent weighted (0.5 + 0.5), not 2 (each rounded up).
    const open = [aDeal({ id: '1', stageId: 'B', amountMinor: 1 }), aDeal({ id: '2', stageId: 'B', amountMinor: 1 })];

    // Act
    const forecast = computeForecast(pipeline, { from: '2026-03', to: '2026-03' }, open, []);

    // Assess
    expect(forecast.currencies[0]!.totals.weighted).toEqual({ amount: '0.01', amountMinor: 1 });
    expect(forecast.currencies[0]!.byStage[1]!.weighted.amountMinor).toBe(1);
  });

  it('never adds currencies together and ignores deals outside the range, lost or of unknown stages', () => {
    const open = [
      aDeal({ id: '1', amountMinor: 1000, currency: 'EUR' }),
      aDeal({ id: '2', amountMinor: 1000, currency: 'USD' }),
      aDeal({ id: '3', amountMinor: 1000, expectedCloseDate: '2026-04-01' }),
      aDeal({ id: '4', amountMinor: 1000, status: 'lost' }),
      aDeal({ id: '5', amountMinor: 1000, stageId: 'gone' }),
    ];
    const won = [aDeal({ id: '6', status: 'won', amountMinor: 700, closedAt: '2026-03-31T23:59:59.000Z' }), aDeal({ id: '7', status: 'won', amountMinor: 700, closedAt: '2026-04-01T00:00:00.000Z' })];

    const forecast = computeForecast(pipeline, { from: '2026-03', to: '2026-03' }, open, won);

    expect(forecast.currencies.map((entry) => [entry.currency, entry.totals.openCount, entry.totals.open.amountMinor, entry.totals.won.amountMinor])).toEqual([
      ['EUR', 1, 1000, 700],
      ['USD', 1, 1000, 0],
    ]);
  });

  it('lists every month of the range, across a year end', () => {
    expect(monthsBetween('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthsBetween('2026-05', '2026-05')).toEqual(['2026-05']);
  });
});
