import type { DemoContact, DemoDeal, DemoPipelineStage, DemoTask, DemoTicket } from './dataset';
import type { Random } from './random';
import { amountMinorOf, type BuyerStory } from './commerce';
import { CURRENCY, LOST_REASONS } from './reference-data';
import { DAY_MS, dayOf, isoOf, officeHours } from './time';

export const PIPELINE = {
  name: 'Office supply deals',
  stages: [
    { key: 'qualification', name: 'Qualification', probability: 10 },
    { key: 'discovery', name: 'Discovery', probability: 25 },
    { key: 'proposal', name: 'Proposal', probability: 50 },
    { key: 'negotiation', name: 'Negotiation', probability: 75 },
  ] satisfies DemoPipelineStage[],
};
const STAGE_KEYS = PIPELINE.stages.map((stage) => stage.key);

/**
 * The deal behind each customer's first order (won), an open deal for most prospects, and lost
 * deals (with a reason) for leads and prospects who did not buy.
 */
export function generateDeals(random: Random, contact: DemoContact, story: BuyerStory, todayMs: number, next: () => string): DemoDeal[] {
  const createdMs = Date.parse(contact.createdAt);
  const base = { contactKey: contact.key, ownerKey: contact.ownerKey, currency: CURRENCY };
  if (story.firstOrderAt !== undefined) {
    const closedAt = story.firstOrderAt;
    const opened = Math.max(createdMs, closedAt - random.int(7, 45) * DAY_MS);
    // The contract is a year of supply: about a dozen of the first order.
    const amountMinor = Math.round((amountMinorOf(story.orders[0]!) * random.int(8, 14)) / 100) * 100;
    return [{ ...base, key: next(), title: `${contact.lastName} – annual supply`, stageKey: 'negotiation', status: 'won', amountMinor, createdAt: isoOf(opened), expectedCloseDate: dayOf(closedAt), closedAt: isoOf(closedAt), stagesReached: [...STAGE_KEYS] }];
  }
  const amountMinor = random.int(12, 240) * 10_000;
  const opened = createdMs + random.int(0, 10) * DAY_MS;
  if (opened >= todayMs) return [];
  if (contact.lifecycleStage === 'prospect' && random.chance(0.7)) {
    const reached = random.int(1, STAGE_KEYS.length);
    const stagesReached = STAGE_KEYS.slice(0, reached);
    return [{ ...base, key: next(), title: `${contact.lastName} – trial supply`, stageKey: stagesReached.at(-1)!, status: 'open', amountMinor, createdAt: isoOf(opened), expectedCloseDate: dayOf(todayMs + random.int(-5, 60) * DAY_MS), stagesReached }];
  }
  if (random.chance(0.4)) {
    const stagesReached = STAGE_KEYS.slice(0, random.int(1, STAGE_KEYS.length));
    const closedAt = Math.min(todayMs - DAY_MS, opened + random.int(10, 60) * DAY_MS);
    if (closedAt <= opened) return [];
    return [{ ...base, key: next(), title: `${contact.lastName} – office coffee`, stageKey: stagesReached.at(-1)!, status: 'lost', amountMinor, createdAt: isoOf(opened), expectedCloseDate: dayOf(closedAt), closedAt: isoOf(closedAt), lostReason: random.weighted(LOST_REASONS), stagesReached }];
  }
  return [];
}

/**
 * Follow-ups: one per open deal (due today, overdue or coming up, as a rep's list looks on a
 * Monday), one per unresolved ticket, and done ones for won deals.
 */
export function generateTasks(random: Random, deals: readonly DemoDeal[], tickets: readonly DemoTicket[], contactOf: (key: string) => DemoContact, todayMs: number): DemoTask[] {
  const tasks: DemoTask[] = [];
  const key = () => `t${String(tasks.length).padStart(5, '0')}`;
  for (const deal of deals) {
    const contact = contactOf(deal.contactKey);
    if (deal.status === 'open') {
      const when = random.weighted({ today: 30, overdue: 30, upcoming: 40 });
      const offset = when === 'today' ? 0 : when === 'overdue' ? -random.int(1, 10) : random.int(1, 14);
      const dueAt = isoOf(officeHours(todayMs + offset * DAY_MS, random.next()));
      tasks.push({ key: key(), title: `Follow up with ${contact.firstName} ${contact.lastName} on the ${deal.stageKey} stage`, type: 'follow_up', assigneeKey: deal.ownerKey, contactKey: deal.contactKey, dealKey: deal.key, dueAt, status: 'open' });
    } else if (deal.status === 'won' && random.chance(0.3)) {
      const due = Date.parse(deal.closedAt!) + 14 * DAY_MS;
      if (due < todayMs) {
        const at = officeHours(due, random.next());
        tasks.push({ key: key(), title: `Return visit: check how ${contact.firstName}'s team likes the coffee`, type: 'visit', assigneeKey: deal.ownerKey, contactKey: deal.contactKey, dealKey: deal.key, dueAt: isoOf(at), status: 'done', completedAt: isoOf(at) });
      }
    }
  }
  for (const ticket of tickets) {
    if (ticket.status === 'open' || ticket.status === 'pending') {
      tasks.push({ key: key(), title: `Call back about "${ticket.subject}"`, type: 'call', assigneeKey: ticket.assigneeKey, contactKey: ticket.contactKey, ticketKey: ticket.key, dueAt: isoOf(officeHours(todayMs, random.next())), status: 'open' });
    }
  }
  return tasks;
}
