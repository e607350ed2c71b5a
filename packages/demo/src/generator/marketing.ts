import type { DemoCampaign, DemoContact, DemoOrder } from './dataset';
import type { Random } from './random';
import { amountMinorOf, CHURN_AFTER_DAYS } from './commerce';
import { DAY_MS, isoOf, officeHours } from './time';

/** Who each channel reaches: email and SMS go to people who bought, ads and social to new ones. */
const AUDIENCE_OF: Record<DemoCampaign['channel'], readonly DemoContact['lifecycleStage'][]> = {
  email: ['customer', 'churned'],
  sms: ['customer'],
  social: ['lead', 'prospect', 'customer'],
  ads: ['lead', 'prospect'],
};
const CHANNEL_MIX = { email: 45, social: 22, ads: 20, sms: 13 } as const;
const ATTRIBUTION_DAYS = 14;
/** The contact schema's bound on tags per contact; a contact at it is left out of further audiences. */
export const MAX_TAGS = 50;
const THEMES = ['Spring blends', 'Summer iced coffee', 'Back to the office', 'Autumn roast', 'Holiday gift boxes', 'New year, new machine', 'Win-back offer', 'Oat milk launch'];

/** What the contact was when the campaign went out (a lead then may be a customer now). */
function stageAt(contact: DemoContact, orders: readonly DemoOrder[], at: number): DemoContact['lifecycleStage'] {
  const before = orders.filter((order) => Date.parse(order.time) < at);
  if (before.length === 0) return contact.lifecycleStage === 'lead' ? 'lead' : 'prospect';
  return at - Date.parse(before.at(-1)!.time) > CHURN_AFTER_DAYS * DAY_MS ? 'churned' : 'customer';
}

/**
 * About two campaigns a month over the two years. A campaign's conversions are the audience
 * members who ordered within 14 days of its start: read off the orders, so the numbers agree.
 */
export function generateCampaigns(random: Random, contacts: readonly DemoContact[], ordersByContact: ReadonlyMap<string, readonly DemoOrder[]>, fromMs: number, todayMs: number): DemoCampaign[] {
  const campaigns: DemoCampaign[] = [];
  const tagCount = new Map(contacts.map((contact) => [contact.key, contact.tags.length]));
  for (let at = fromMs + 10 * DAY_MS; at < todayMs - 3 * DAY_MS; at += random.int(10, 20) * DAY_MS) {
    const channel = random.weighted(CHANNEL_MIX);
    const startsAt = officeHours(at, random.next());
    const eligible = contacts.filter((contact) => tagCount.get(contact.key)! < MAX_TAGS && Date.parse(contact.createdAt) < startsAt && AUDIENCE_OF[channel].includes(stageAt(contact, ordersByContact.get(contact.key) ?? [], startsAt)));
    if (eligible.length === 0) continue;
    const audience = random.sample(eligible, Math.min(eligible.length, Math.max(5, Math.round(eligible.length * random.int(8, 25) / 100))));
    const endsAt = Math.min(todayMs, startsAt + ATTRIBUTION_DAYS * DAY_MS);
    const conversions = audience.flatMap((contact) => {
      const order = ordersByContact.get(contact.key)?.find((candidate) => Date.parse(candidate.time) >= startsAt && Date.parse(candidate.time) < endsAt);
      return order ? [{ contactKey: contact.key, at: order.time, amountMinor: amountMinorOf(order) }] : [];
    });
    for (const contact of audience) tagCount.set(contact.key, tagCount.get(contact.key)! + 1);
    const month = new Date(startsAt).toLocaleString('en', { month: 'short', year: 'numeric', timeZone: 'UTC' });
    const theme = random.pick(THEMES);
    campaigns.push({
      key: `cmp${String(campaigns.length).padStart(3, '0')}`,
      name: `${theme} – ${month} (${channel})`,
      channel,
      // At most 47 characters (a tag takes 50): the start day makes it unique, as campaigns start 10+ days apart.
      tag: `campaign-${theme.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${isoOf(startsAt).slice(0, 10)}-${channel}`,
      ownerKey: 'u-marketer',
      startsAt: isoOf(startsAt),
      endsAt: isoOf(endsAt),
      budgetMinor: random.int(5, 60) * 10_000,
      audienceKeys: audience.map((contact) => contact.key),
      conversions,
    });
  }
  return campaigns;
}
