import { countInSlices, slicesOf, type Counters, type SliceAttributes } from './counters';
import { monthOf, type Month } from './months';

/**
 * What the analytics keep of a rating (`entity: 'feedback'`, kind `csat` or `nps`; suggestions
 * and complaints carry no score and are not counted). Slices are the contact's when the rating
 * was projected.
 *
 * **CSAT** (scores 1–5) of a slice and range = ratings of 4 or 5 ÷ all CSAT ratings (the share of
 * satisfied customers, the headline figure); the average score is reported beside it.
 * **NPS** (scores 0–10) = % promoters (9–10) − % detractors (0–6) of all NPS answers, −100…100.
 * Both count answers by the month they were given.
 */
export interface FeedbackFacts {
  kind: 'csat' | 'nps';
  score: number;
  month: Month;
  slices: SliceAttributes;
}

export function feedbackFactsOf(image: Record<string, unknown> | undefined, slices: SliceAttributes | null): FeedbackFacts | null {
  if (!image || image.entity !== 'feedback' || (image.kind !== 'csat' && image.kind !== 'nps')) return null;
  const month = monthOf(image.createdAt);
  const score = Number(image.score);
  if (!month || !Number.isInteger(score)) return null;
  return { kind: image.kind, score, month, slices: slices ?? {} };
}

export function feedbackCounters(facts: FeedbackFacts | null, counters: Counters = new Map()): Counters {
  if (!facts) return counters;
  const refs = slicesOf(facts.slices);
  const add = (attribute: string, amount = 1) => countInSlices(counters, 'satisfaction', refs, facts.month, attribute, amount);
  if (facts.kind === 'csat') {
    add('csatResponses');
    add('csatScoreSum', facts.score);
    if (facts.score >= 4) add('csatSatisfied');
  } else {
    add('npsResponses');
    if (facts.score >= 9) add('npsPromoters');
    else if (facts.score <= 6) add('npsDetractors');
  }
  return counters;
}
