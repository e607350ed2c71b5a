import { describe, expect, it } from 'vitest';
import { amountMinorOf, CHURN_AFTER_DAYS } from './commerce';
import { generateDataset } from './generate';
import { CATALOGUE } from './reference-data';
import { SLA_HOURS } from './service';

const today = new Date('2026-12-01T15:00:00Z');
const DAY = 86_400_000;
const dataset = generateDataset({ seed: 7, customers: 600, today });
const contactKeys = new Set(dataset.contacts.map((contact) => contact.key));
const lastOrderOf = new Map<string, number>();
for (const order of dataset.orders) lastOrderOf.set(order.contactKey, Math.max(lastOrderOf.get(order.contactKey) ?? 0, Date.parse(order.time)));
const from = Date.parse(`${dataset.from}T00:00:00Z`);
const within = (iso: string) => Date.parse(iso) >= from && Date.parse(iso) <= today.getTime();

describe('generateDataset', () => {
  it('gives the same dataset for the same seed and a different one for another seed', () => {
    // Act
    const again = generateDataset({ seed: 7, customers: 600, today });
    const other = generateDataset({ seed: 8, customers: 600, today });

    // Assess
    expect(JSON.stringify(again)).toBe(JSON.stringify(dataset));
    expect(other.contacts.map((contact) => contact.email)).not.toEqual(dataset.contacts.map((contact) => contact.email));
  });

  it('makes as many contacts as asked, with unique emails, spread over two years ending today', () => {
    expect(dataset.contacts).toHaveLength(600);
    expect(new Set(dataset.contacts.map((contact) => contact.email)).size).toBe(600);
    expect(dataset.from).toBe('2024-12-01');
    expect(dataset.today).toBe('2026-12-01');
    expect(dataset.contacts.every((contact) => within(contact.createdAt))).toBe(true);
  });

  it('has every stage, region and channel, with the skews of a real book', () => {
    const share = (predicate: (contact: (typeof dataset.contacts)[number]) => boolean) => dataset.contacts.filter(predicate).length / dataset.contacts.length;

    for (const stage of ['lead', 'prospect', 'customer', 'churned'] as const) expect(share((contact) => contact.lifecycleStage === stage)).toBeGreaterThan(0.05);
    expect(share((contact) => contact.region === 'North America')).toBeGreaterThan(share((contact) => contact.region === 'Latin America'));
    expect(share((contact) => contact.sourceChannel === 'web')).toBeGreaterThan(share((contact) => contact.sourceChannel === 'partner'));
  });

  it('gives orders only to contacts, customers always some, leads and prospects none', () => {
    expect(dataset.orders.every((order) => contactKeys.has(order.contactKey))).toBe(true);
    for (const contact of dataset.contacts) {
      const buyer = contact.lifecycleStage === 'customer' || contact.lifecycleStage === 'churned';
      expect(lastOrderOf.has(contact.key), `${contact.key} (${contact.lifecycleStage})`).toBe(buyer);
    }
  });

  it("keeps churned customers' last order older than the churn window, and active customers' within it", () => {
    for (const contact of dataset.contacts) {
      const sinceLast = (today.getTime() - (lastOrderOf.get(contact.key) ?? 0)) / DAY;
      if (contact.lifecycleStage === 'churned') expect(sinceLast).toBeGreaterThan(CHURN_AFTER_DAYS);
      if (contact.lifecycleStage === 'customer') expect(sinceLast).toBeLessThanOrEqual(CHURN_AFTER_DAYS);
    }
  });

  it('dates every record within the two years, never in the future', () => {
    expect(dataset.orders.every((order) => within(order.time))).toBe(true);
    expect(dataset.interactions.every((interaction) => within(interaction.occurredAt))).toBe(true);
    expect(dataset.feedback.every((feedback) => within(feedback.givenAt) || Date.parse(feedback.givenAt) <= today.getTime() + 5 * DAY)).toBe(true);
    expect(dataset.behaviour.every((day) => day.day >= '2026-10-18' && day.day <= dataset.today)).toBe(true);
    expect(dataset.deals.every((deal) => within(deal.createdAt) && (deal.closedAt === undefined || within(deal.closedAt)))).toBe(true);
    expect(dataset.tickets.every((ticket) => within(ticket.createdAt))).toBe(true);
  });

  it('keeps numbers in range: prices from the catalogue, scores in their scales, counts that add up', () => {
    const prices = new Map(CATALOGUE.map((product) => [product.name, product.price]));
    for (const order of dataset.orders) {
      expect(order.items.length).toBeGreaterThan(0);
      for (const line of order.items) {
        expect(line.unitPrice).toBe(prices.get(line.product));
        expect(line.quantity).toBeGreaterThanOrEqual(1);
      }
      expect(amountMinorOf(order)).toBeGreaterThan(0);
    }
    for (const feedback of dataset.feedback) {
      if (feedback.kind === 'csat') expect(feedback.score).toSatisfy((score: number) => Number.isInteger(score) && score >= 1 && score <= 5);
      if (feedback.kind === 'nps') expect(feedback.score).toSatisfy((score: number) => Number.isInteger(score) && score >= 0 && score <= 10);
      if (feedback.kind === 'complaint' || feedback.kind === 'suggestion') expect(feedback.score).toBeUndefined();
    }
    for (const day of dataset.behaviour) {
      expect(day.urls).toHaveLength(day.pageViews);
      expect(day.clicks).toBeLessThanOrEqual(day.pageViews);
      expect(day.dwellSeconds).toBeGreaterThan(0);
    }
  });

  it('skews CSAT positive and spreads NPS over detractors, passives and promoters', () => {
    const csat = dataset.feedback.filter((feedback) => feedback.kind === 'csat').map((feedback) => feedback.score!);
    const nps = dataset.feedback.filter((feedback) => feedback.kind === 'nps').map((feedback) => feedback.score!);

    expect(csat.filter((score) => score >= 4).length / csat.length).toBeGreaterThan(0.55);
    expect(nps.some((score) => score <= 6) && nps.some((score) => score === 7 || score === 8) && nps.some((score) => score >= 9)).toBe(true);
    expect(dataset.feedback.some((feedback) => feedback.kind === 'complaint')).toBe(true);
  });

  it('buys products together often enough for association rules to find the pairs', () => {
    const withCups = dataset.orders.filter((order) => order.items.some((line) => line.product === 'Paper Cups (1000)'));
    const cupsAndLids = withCups.filter((order) => order.items.some((line) => line.product === 'Cup Lids (1000)'));

    const withLids = dataset.orders.filter((order) => order.items.some((line) => line.product === 'Cup Lids (1000)'));
    const lift = cupsAndLids.length / withCups.length / (withLids.length / dataset.orders.length);

    expect(withCups.length).toBeGreaterThan(20);
    expect(cupsAndLids.length / withCups.length).toBeGreaterThan(0.3);
    expect(lift).toBeGreaterThan(3);
  });

  it('sells more in Q4 than in the summer', () => {
    const inMonth = (month: string) => dataset.orders.filter((order) => order.time.startsWith(month)).length;

    expect(inMonth('2026-11')).toBeGreaterThan(inMonth('2026-08'));
  });

  it('closes won deals at the first order and lost deals with a reason; open deals stay open', () => {
    for (const deal of dataset.deals) {
      expect(contactKeys.has(deal.contactKey)).toBe(true);
      expect(deal.amountMinor).toBeGreaterThan(0);
      expect(deal.stagesReached.at(-1)).toBe(deal.stageKey);
      if (deal.status === 'open') expect(deal.closedAt).toBeUndefined();
      else expect(deal.closedAt).toBeDefined();
      expect(deal.lostReason !== undefined).toBe(deal.status === 'lost');
    }
    expect(new Set(dataset.deals.map((deal) => deal.status))).toEqual(new Set(['open', 'won', 'lost']));
  });

  it('times tickets against their SLA, with some breaches', () => {
    for (const ticket of dataset.tickets) {
      const sla = SLA_HOURS[ticket.priority];
      expect(Date.parse(ticket.firstResponseDueAt) - Date.parse(ticket.createdAt)).toBe(sla.firstResponse * 3_600_000);
      if (ticket.firstResponseAt) expect(ticket.firstResponseBreached).toBe(ticket.firstResponseAt > ticket.firstResponseDueAt);
      if (ticket.resolvedAt) expect(ticket.resolvedAt >= ticket.firstResponseAt!).toBe(true);
    }
    const breached = dataset.tickets.filter((ticket) => ticket.firstResponseBreached).length / dataset.tickets.length;
    expect(breached).toBeGreaterThan(0.02);
    expect(breached).toBeLessThan(0.35);
  });

  it('counts campaign conversions from the audience’s orders, and has follow-ups due today and overdue', () => {
    for (const campaign of dataset.campaigns) {
      const audience = new Set(campaign.audienceKeys);
      for (const conversion of campaign.conversions) {
        expect(audience.has(conversion.contactKey)).toBe(true);
        expect(dataset.orders.some((order) => order.contactKey === conversion.contactKey && order.time === conversion.at)).toBe(true);
      }
    }
    expect(new Set(dataset.campaigns.map((campaign) => campaign.channel)).size).toBe(4);
    expect(dataset.tasks.some((task) => task.status === 'open' && task.dueAt.slice(0, 10) === dataset.today)).toBe(true);
    expect(dataset.tasks.some((task) => task.status === 'open' && task.dueAt.slice(0, 10) < dataset.today)).toBe(true);
  });

  it('gives every complaint exactly one ticket, marked with its feedback, as the feedback API opens one itself', () => {
    const complaints = dataset.feedback.filter((feedback) => feedback.kind === 'complaint');
    const fromComplaints = dataset.tickets.filter((ticket) => ticket.fromFeedbackKey !== undefined);

    expect(complaints.length).toBeGreaterThan(0);
    expect(fromComplaints.map((ticket) => ticket.fromFeedbackKey).sort()).toEqual(complaints.map((complaint) => complaint.key).sort());
    expect(fromComplaints.every((ticket) => ticket.channel === 'complaint' && ticket.contactKey === complaints.find((complaint) => complaint.key === ticket.fromFeedbackKey)!.contactKey)).toBe(true);
    expect(dataset.tickets.some((ticket) => ticket.fromFeedbackKey === undefined)).toBe(true);
    expect(new Set(dataset.feedback.map((feedback) => feedback.key)).size).toBe(dataset.feedback.length);
  });

  it("tags each campaign's audience, and only it, with the campaign's own tag, within the tag limits", () => {
    expect(new Set(dataset.campaigns.map((campaign) => campaign.tag)).size).toBe(dataset.campaigns.length);
    for (const campaign of dataset.campaigns) {
      const tagged = dataset.contacts.filter((contact) => contact.tags.includes(campaign.tag)).map((contact) => contact.key);
      expect(tagged.sort()).toEqual([...campaign.audienceKeys].sort());
      expect(campaign.tag.length).toBeLessThanOrEqual(50);
    }
    expect(dataset.contacts.every((contact) => contact.tags.length <= 50)).toBe(true);
  });

  it('refuses a customer count that is not a positive whole number', () => {
    expect(() => generateDataset({ seed: 1, customers: 0, today })).toThrow(/customers/);
  });
});
