import { describe, expect, it } from 'vitest';
import { churnRisk, trendOf, type ChurnInputs } from './churn-model';

const nothingKnown: ChurnInputs = {
  recencyDays: null,
  orderTrend: null,
  openTickets: null,
  recentTickets: null,
  lastSatisfaction: null,
  behaviourTrend: null,
};

describe('churn model', () => {
  it('scores a customer with nothing known at the intercept alone', () => {
    // Act
    const risk = churnRisk(nothingKnown);
    // Assess: 1/(1+e^1) = 0.2689
    expect(risk.score).toBe(0.2689);
    expect(risk.level).toBe('low');
    expect(risk.features.every((feature) => feature.contribution === 0 && feature.value === null)).toBe(true);
  });

  it('matches a hand-computed case, with each contribution shown', () => {
    // Prepare: last order 90 days ago (z=2 → +1.6), orders stopped (trend −1 → +1.0), one open
    // ticket (+0.5), last CSAT 2/5 = 0.25 (z=−0.5 → +0.6), page views halved: trend (5−10)/15 (→ +0.2667).
    const inputs: ChurnInputs = { recencyDays: 90, orderTrend: -1, openTickets: 1, recentTickets: 0, lastSatisfaction: 0.25, behaviourTrend: trendOf(5, 10) };
    // Act
    const risk = churnRisk(inputs);
    // Assess: logit = −1 + 1.6 + 1 + 0.5 + 0 + 0.6 + 0.2667 = 2.9667 → 0.951
    expect(risk.features).toEqual([
      { name: 'recencyDays', value: 90, contribution: 1.6 },
      { name: 'orderTrend', value: -1, contribution: 1 },
      { name: 'openTickets', value: 1, contribution: 0.5 },
      { name: 'recentTickets', value: 0, contribution: 0 },
      { name: 'lastSatisfaction', value: 0.25, contribution: 0.6 },
      { name: 'behaviourTrend', value: -0.3333, contribution: 0.2667 },
    ]);
    expect(risk.score).toBe(0.951);
    expect(risk.level).toBe('high');
  });

  it('is monotonic in recency, and stops growing after 180 days', () => {
    const scores = [0, 15, 30, 60, 120, 180, 365].map((days) => churnRisk({ ...nothingKnown, recencyDays: days }).score);
    for (let i = 1; i < scores.length - 1; i++) expect(scores[i]!).toBeGreaterThan(scores[i - 1]!);
    expect(scores.at(-1)).toBe(scores.at(-2));
  });

  it('falls as satisfaction rises, and as orders and visits pick up', () => {
    const bySatisfaction = [0, 0.5, 1].map((value) => churnRisk({ ...nothingKnown, lastSatisfaction: value }).score);
    expect(bySatisfaction[0]!).toBeGreaterThan(bySatisfaction[1]!);
    expect(bySatisfaction[1]!).toBeGreaterThan(bySatisfaction[2]!);
    expect(churnRisk({ ...nothingKnown, orderTrend: 1 }).score).toBeLessThan(churnRisk({ ...nothingKnown, orderTrend: -1 }).score);
    expect(churnRisk({ ...nothingKnown, behaviourTrend: 1 }).score).toBeLessThan(churnRisk({ ...nothingKnown, behaviourTrend: -1 }).score);
  });

  it('rises with open tickets, up to three', () => {
    const scores = [0, 1, 2, 3, 10].map((count) => churnRisk({ ...nothingKnown, openTickets: count }).score);
    expect(scores[1]!).toBeGreaterThan(scores[0]!);
    expect(scores[3]!).toBeGreaterThan(scores[2]!);
    expect(scores[4]).toBe(scores[3]);
  });

  it('puts scores in levels at 0.4 and 0.7', () => {
    // logit −1 + 0.8 × (days − 30)/30: 30 d → 0.2689, 60 d → 0.4502, 120 d → 0.8022.
    expect([30, 60, 120].map((days) => churnRisk({ ...nothingKnown, recencyDays: days }))).toMatchObject([
      { score: 0.2689, level: 'low' },
      { score: 0.4502, level: 'medium' },
      { score: 0.8022, level: 'high' },
    ]);
  });
});
