import { countInSlices, slicesOf, type Counters, type SliceAttributes } from './counters';
import { monthOf, type Month } from './months';

/**
 * What the analytics keep of a deal (`entity: 'deal'`, the sales area's contract): pipeline,
 * stages reached, status, its creation and close months, and its own slices (region and source
 * channel copied from the contact when the deal was created, and its owner).
 *
 * **Stage conversion** of stage S in a pipeline = deals created in the range that ever reached S ÷
 * deals created in the range in that pipeline (cohort by creation month, from `stagesReached`).
 * **Win rate** = deals won ÷ deals closed (won + lost), by the month they closed.
 */
export interface DealFacts {
  pipelineId: string;
  stagesReached: string[];
  status: 'open' | 'won' | 'lost';
  createdMonth: Month;
  closedMonth: Month | null;
  slices: SliceAttributes;
}

export function dealFactsOf(image: Record<string, unknown> | undefined): DealFacts | null {
  if (!image || image.entity !== 'deal') return null;
  const createdMonth = monthOf(image.createdAt);
  const status = image.status;
  if (!createdMonth || typeof image.pipelineId !== 'string' || (status !== 'open' && status !== 'won' && status !== 'lost')) return null;
  const text = (value: unknown) => (typeof value === 'string' && value.length > 0 ? value : undefined);
  const region = text(image.region);
  const channel = text(image.sourceChannel);
  const owner = text(image.ownerId);
  return {
    pipelineId: image.pipelineId,
    stagesReached: Array.isArray(image.stagesReached) ? [...new Set(image.stagesReached.filter((stage): stage is string => typeof stage === 'string'))] : [],
    status,
    createdMonth,
    closedMonth: status === 'open' ? null : (monthOf(image.closedAt) ?? createdMonth),
    slices: { ...(region ? { region } : {}), ...(channel ? { channel } : {}), ...(owner ? { owner } : {}) },
  };
}

/** `created#<pipeline>` and `reached#<pipeline>#<stage>` at creation; `won`/`lost` at close. */
export function dealCounters(facts: DealFacts | null, counters: Counters = new Map()): Counters {
  if (!facts) return counters;
  const refs = slicesOf(facts.slices);
  countInSlices(counters, 'deals', refs, facts.createdMonth, 'created');
  countInSlices(counters, 'deals', refs, facts.createdMonth, `created#${facts.pipelineId}`);
  for (const stage of facts.stagesReached) countInSlices(counters, 'deals', refs, facts.createdMonth, `reached#${facts.pipelineId}#${stage}`);
  if (facts.closedMonth && facts.status !== 'open') countInSlices(counters, 'deals', refs, facts.closedMonth, facts.status);
  return counters;
}
