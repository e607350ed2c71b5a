import type { DemoBehaviourDay, DemoContact, DemoFeedback, DemoInteraction } from './dataset';
import type { Random } from './random';
import type { BuyerStory } from './commerce';
import { COMPLAINTS, PAGES, SUGGESTIONS } from './reference-data';
import { DAY_MS, dayOf, isoOf, officeHours, startOfDay } from './time';

const INTERACTION_MIX = { email: 40, call: 28, meeting: 12, note: 14, chat: 6 } as const;
const SUBJECTS: Record<DemoInteraction['type'], readonly string[]> = {
  email: ['Quote for office coffee supply', 'Your order confirmation', 'Following up on our call', 'New seasonal blends', 'Delivery schedule'],
  call: ['Intro call', 'Check-in call', 'Reorder reminder', 'Discussing volumes for next quarter', 'Machine maintenance'],
  meeting: ['Tasting session at their office', 'Quarterly business review', 'Site visit: kitchen layout', 'Contract renewal'],
  note: ['Prefers deliveries on Mondays', 'Budget approved for Q1', 'Evaluating a competitor', 'Decision maker is the COO'],
  chat: ['Question about an invoice', 'Tracking a delivery', 'Asked about oat milk'],
};

/** Interactions per contact, by stage: the reps talk most to prospects and customers. */
const INTERACTIONS_PER_CONTACT: Record<DemoContact['lifecycleStage'], [number, number]> = { lead: [0, 1], prospect: [1, 3], customer: [1, 3], churned: [0, 2] };

export function generateInteractions(random: Random, contact: DemoContact, story: BuyerStory, todayMs: number): DemoInteraction[] {
  const [min, max] = INTERACTIONS_PER_CONTACT[contact.lifecycleStage];
  const start = Date.parse(contact.createdAt);
  const end = story.stoppedAt ?? todayMs;
  return Array.from({ length: random.int(min, max) }, () => {
    const type = random.weighted(INTERACTION_MIX);
    const at = Math.min(officeHours(start + random.next() * Math.max(0, end - start), random.next()), todayMs - 60_000);
    return {
      contactKey: contact.key,
      byKey: contact.ownerKey,
      type,
      ...(type === 'note' ? {} : { direction: type === 'chat' || random.chance(0.3) ? ('inbound' as const) : ('outbound' as const) }),
      subject: random.pick(SUBJECTS[type]),
      ...(type === 'note' || random.chance(0.5) ? { body: `${contact.firstName} ${random.pick(['was pleased with the last delivery.', 'asked for a price list.', 'wants a follow-up next month.', 'mentioned a new office opening.'])}` } : {}),
      occurredAt: isoOf(Math.max(start, at)),
      ...(type === 'call' ? { durationSeconds: random.int(120, 1800) } : type === 'meeting' ? { durationSeconds: random.pick([1800, 2700, 3600]) } : {}),
    };
  });
}

/** CSAT 1–5, mostly happy; lower for customers who left. */
function csatScore(random: Random, churned: boolean): number {
  return Number(random.weighted(churned ? { 1: 14, 2: 18, 3: 28, 4: 25, 5: 15 } : { 1: 3, 2: 5, 3: 12, 4: 34, 5: 46 }));
}

/** NPS 0–10, spread: promoters, passives and detractors all present. */
function npsScore(random: Random, churned: boolean): number {
  const band = random.weighted(churned ? { detractor: 60, passive: 30, promoter: 10 } : { detractor: 18, passive: 32, promoter: 50 });
  return band === 'promoter' ? random.int(9, 10) : band === 'passive' ? random.int(7, 8) : random.int(0, 6);
}

/** The contact's feedback, without keys (the caller numbers them across the dataset). */
export function generateFeedback(random: Random, contact: DemoContact, story: BuyerStory): Omit<DemoFeedback, 'key'>[] {
  if (story.orders.length === 0) return [];
  const churned = contact.lifecycleStage === 'churned';
  const afterOrder = () => Date.parse(random.pick(story.orders).time) + random.int(1, 5) * DAY_MS;
  const feedback: Omit<DemoFeedback, 'key'>[] = [];
  if (random.chance(0.45)) feedback.push({ contactKey: contact.key, kind: 'csat', score: csatScore(random, churned), channel: 'email', givenAt: isoOf(afterOrder()) });
  if (random.chance(0.3)) feedback.push({ contactKey: contact.key, kind: 'nps', score: npsScore(random, churned), channel: 'web', givenAt: isoOf(afterOrder()) });
  if (random.chance(churned ? 0.22 : 0.05)) feedback.push({ contactKey: contact.key, kind: 'complaint', comment: random.pick(COMPLAINTS), channel: random.pick(['email', 'phone', 'web']), givenAt: isoOf(afterOrder()) });
  if (random.chance(0.04)) feedback.push({ contactKey: contact.key, kind: 'suggestion', comment: random.pick(SUGGESTIONS), channel: 'web', givenAt: isoOf(afterOrder()) });
  return feedback;
}

/** How likely the contact visits the site on a given day, before any fading. */
const VISIT_RATE: Record<DemoContact['lifecycleStage'], number> = { lead: 0.02, prospect: 0.05, customer: 0.09, churned: 0.004 };

/**
 * Daily visits over the last `days` days. A customer who stopped buying lately visits less and
 * less (the signal churn prediction looks for); one who left long ago hardly comes back.
 */
export function generateBehaviour(random: Random, contact: DemoContact, story: BuyerStory, todayMs: number, days: number): DemoBehaviourDay[] {
  const createdDay = startOfDay(dayOf(Date.parse(contact.createdAt)));
  const result: DemoBehaviourDay[] = [];
  for (let offset = days - 1; offset >= 0; offset--) {
    const dayMs = startOfDay(dayOf(todayMs)) - offset * DAY_MS;
    if (dayMs < createdDay) continue;
    let rate = VISIT_RATE[contact.lifecycleStage];
    if (story.stoppedAt !== undefined && contact.lifecycleStage === 'customer') {
      const sinceStop = (dayMs - story.stoppedAt) / DAY_MS;
      if (sinceStop > 0) rate *= Math.max(0.05, 1 - sinceStop / 45);
    }
    if (!random.chance(rate)) continue;
    const pageViews = random.int(1, 4);
    const urls = Array.from({ length: pageViews }, () => random.pick(PAGES));
    result.push({ contactKey: contact.key, day: dayOf(dayMs), pageViews, clicks: random.int(0, pageViews), dwellSeconds: random.int(20, 90) * pageViews, urls });
  }
  return result;
}
