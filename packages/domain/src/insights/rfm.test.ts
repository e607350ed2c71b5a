import { describe, expect, it } from 'vitest';
import { quintileScore, quintileThresholds, rfmScore, rfmThresholds } from './rfm';

describe('quintile scores', () => {
  it('gives each fifth of ten distinct values its own score, best fifth 5', () => {
    // Prepare
    const values = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
    // Act
    const thresholds = quintileThresholds(values);
    // Assess: b strictly below → 1 + floor(5b/10): 10,20 → 1; 30,40 → 2; …; 90,100 → 5.
    expect(thresholds).toEqual([20, 40, 60, 80]);
    expect(values.map((value) => quintileScore(value, thresholds))).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
  });

  it('gives tied values the same, lower score', () => {
    const values = [1, 1, 1, 1, 2, 3];
    const thresholds = quintileThresholds(values);
    // 1: b=0 → 1; 2: b=4 → 1+floor(20/6)=4; 3: b=5 → 1+floor(25/6)=5.
    expect([1, 2, 3].map((value) => quintileScore(value, thresholds))).toEqual([1, 4, 5]);
  });

  it('scores a lone customer 1', () => {
    expect(quintileScore(7, quintileThresholds([7]))).toBe(1);
  });

  it('scores values the distribution did not hold by where they fall', () => {
    const thresholds = quintileThresholds([10, 20, 30, 40, 50]);
    expect(quintileScore(5, thresholds)).toBe(1);
    expect(quintileScore(1000, thresholds)).toBe(5);
  });
});

describe('RFM', () => {
  it('inverts recency: the most recent buyer scores 5', () => {
    // Prepare: five customers, each better than the last on frequency and spend, ordered longer ago.
    const customers = [0, 1, 2, 3, 4].map((i) => ({ recencyDays: 10 * (i + 1), orderCount: i + 1, monetaryMinor: 1000 * (i + 1) }));
    // Act
    const thresholds = rfmThresholds(customers);
    const scores = customers.map((customer) => rfmScore(customer, thresholds).rfm);
    // Assess
    expect(scores).toEqual(['5-1-1', '4-2-2', '3-3-3', '2-4-4', '1-5-5']);
  });
});
