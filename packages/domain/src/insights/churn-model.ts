/**
 * Churn risk: a logistic score with fixed weights over a few standardized features, so every
 * score can be explained by what moved it. Not fitted per tenant (few tenants have the labelled
 * history a fit needs, and a fixed model reads the same everywhere); the weights below are the
 * model, and changing one is a reviewed code change.
 *
 *   score = 1 / (1 + e^−(INTERCEPT + Σ weight × standardized value))
 *
 * | feature              | raw value                                               | standardized                  | weight |
 * |----------------------|---------------------------------------------------------|-------------------------------|--------|
 * | recencyDays          | days since the last order (none: no contribution)       | (min(days, 180) − 30) / 30    | +0.8   |
 * | orderTrend           | (orders last 90 d − orders the 90 d before) / their sum | as is, −1..1 (no orders: 0)   | −1.0   |
 * | openTickets          | tickets open or pending                                 | min(count, 3)                 | +0.5   |
 * | recentTickets        | tickets created in the last 30 days                     | min(count, 3)                 | +0.3   |
 * | lastSatisfaction     | the latest CSAT (1–5) or NPS (0–10), as 0..1            | (value − 0.5) × 2, −1..1      | −1.2   |
 * | behaviourTrend       | (page views last 30 d − the 30 d before) / their sum    | as is, −1..1 (no views: 0)    | −0.8   |
 *
 * INTERCEPT is −1.0: a customer who bought 30 days ago with nothing else known scores
 * 1/(1+e) ≈ 0.27. Each feature's `contribution` is weight × standardized value (log-odds), so
 * the reasons can be ranked; a feature without data has value null and contributes 0.
 * Levels: high from 0.7, medium from 0.4, low below.
 */

export const CHURN_INTERCEPT = -1.0;
export const CHURN_WEIGHTS = {
  recencyDays: 0.8,
  orderTrend: -1.0,
  openTickets: 0.5,
  recentTickets: 0.3,
  lastSatisfaction: -1.2,
  behaviourTrend: -0.8,
} as const;
export const CHURN_LEVELS = ['low', 'medium', 'high'] as const;
export type ChurnLevel = (typeof CHURN_LEVELS)[number];
export const HIGH_RISK_FROM = 0.7;
export const MEDIUM_RISK_FROM = 0.4;

export type ChurnFeatureName = keyof typeof CHURN_WEIGHTS;

/** The raw inputs of the model for one customer; null where there is no data. */
export type ChurnInputs = Record<ChurnFeatureName, number | null>;

export interface ChurnFeature {
  name: ChurnFeatureName;
  /** The raw value (days, a trend −1..1, a count, satisfaction 0..1), null without data. */
  value: number | null;
  /** Weight × standardized value, in log-odds: positive raises the risk. */
  contribution: number;
}

export interface ChurnRisk {
  score: number;
  level: ChurnLevel;
  features: ChurnFeature[];
}

const STANDARDIZE: Record<ChurnFeatureName, (value: number) => number> = {
  recencyDays: (days) => (Math.min(days, 180) - 30) / 30,
  orderTrend: (trend) => trend,
  openTickets: (count) => Math.min(count, 3),
  recentTickets: (count) => Math.min(count, 3),
  lastSatisfaction: (satisfaction) => (satisfaction - 0.5) * 2,
  behaviourTrend: (trend) => trend,
};

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** The model's answer for one customer (score to 4 decimals, contributions to 4). */
export function churnRisk(inputs: ChurnInputs): ChurnRisk {
  const features = (Object.keys(CHURN_WEIGHTS) as ChurnFeatureName[]).map((name): ChurnFeature => {
    const value = inputs[name];
    const contribution = value === null ? 0 : CHURN_WEIGHTS[name] * STANDARDIZE[name](value);
    return { name, value: value === null ? null : round(value, 4), contribution: round(contribution, 4) + 0 };
  });
  const logit = CHURN_INTERCEPT + features.reduce((sum, feature) => sum + feature.contribution, 0);
  const score = round(1 / (1 + Math.exp(-logit)), 4);
  return { score, level: levelOf(score), features };
}

export function levelOf(score: number): ChurnLevel {
  if (score >= HIGH_RISK_FROM) return 'high';
  if (score >= MEDIUM_RISK_FROM) return 'medium';
  return 'low';
}

/** (recent − previous) / (recent + previous): −1 (stopped) … +1 (started); 0 when both are 0. */
export function trendOf(recent: number, previous: number): number {
  return recent + previous === 0 ? 0 : (recent - previous) / (recent + previous);
}
