import { countInSlices, slicesOf, type Counters, type SliceAttributes } from './counters';
import { monthOf, type Month } from './months';

/**
 * What the analytics keep of a ticket (`entity: 'ticket'`, the service area's contract), sliced by
 * its region, channel and assignee (as owner).
 *
 * **Average first-response time** of a month = Σ (firstResponseAt − createdAt) ÷ tickets first
 * answered in that month; **average resolution time** = Σ (resolvedAt − createdAt) ÷ tickets
 * resolved in that month (both in seconds). **Breach rate** = those answered (resolved) in the
 * month whose first-response (resolution) target was breached ÷ those answered (resolved).
 */
export interface TicketFacts {
  createdMonth: Month;
  firstResponse: { month: Month; seconds: number; breached: boolean } | null;
  resolution: { month: Month; seconds: number; breached: boolean } | null;
  slices: SliceAttributes;
}

export function ticketFactsOf(image: Record<string, unknown> | undefined): TicketFacts | null {
  if (!image || image.entity !== 'ticket') return null;
  const createdMonth = monthOf(image.createdAt);
  if (!createdMonth) return null;
  const created = Date.parse(String(image.createdAt));
  const step = (at: unknown, breached: unknown) => {
    const month = monthOf(at);
    if (!month) return null;
    return { month, seconds: Math.max(0, Math.round((Date.parse(String(at)) - created) / 1000)), breached: breached === true };
  };
  const text = (value: unknown) => (typeof value === 'string' && value.length > 0 ? value : undefined);
  const region = text(image.region);
  const channel = text(image.channel);
  const owner = text(image.assigneeId);
  return {
    createdMonth,
    firstResponse: step(image.firstResponseAt, image.firstResponseBreached),
    resolution: step(image.resolvedAt, image.resolutionBreached),
    slices: { ...(region ? { region } : {}), ...(channel ? { channel } : {}), ...(owner ? { owner } : {}) },
  };
}

export function ticketCounters(facts: TicketFacts | null, counters: Counters = new Map()): Counters {
  if (!facts) return counters;
  const refs = slicesOf(facts.slices);
  countInSlices(counters, 'service', refs, facts.createdMonth, 'ticketsCreated');
  if (facts.firstResponse) {
    const { month, seconds, breached } = facts.firstResponse;
    countInSlices(counters, 'service', refs, month, 'firstResponses');
    countInSlices(counters, 'service', refs, month, 'firstResponseSeconds', seconds);
    if (breached) countInSlices(counters, 'service', refs, month, 'firstResponseBreaches');
  }
  if (facts.resolution) {
    const { month, seconds, breached } = facts.resolution;
    countInSlices(counters, 'service', refs, month, 'resolutions');
    countInSlices(counters, 'service', refs, month, 'resolutionSeconds', seconds);
    if (breached) countInSlices(counters, 'service', refs, month, 'resolutionBreaches');
  }
  return counters;
}
