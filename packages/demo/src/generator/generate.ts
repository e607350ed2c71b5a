import type { DemoContact, DemoDataset, DemoDeal, DemoFeedback, DemoOrder, DemoTicket } from './dataset';
import { buyerStory, type BuyerStory } from './commerce';
import { generateBehaviour, generateFeedback, generateInteractions } from './engagement';
import { generateCampaigns } from './marketing';
import { generateCompanies, generateContactSeeds, tagsFor, TEAM } from './people';
import { forkRandom } from './random';
import { CURRENCY } from './reference-data';
import { generateDeals, generateTasks, PIPELINE } from './sales';
import { generateTickets } from './service';
import { DAY_MS, dayOf, startOfDay } from './time';

export interface GenerateOptions {
  seed: number;
  customers: number;
  /** The last day of the two years; the generator never reads the clock, so a seed means one dataset. */
  today: Date;
  /** Days of behaviour before today (recent months only: the raw events are what is sent). @default 45 */
  behaviourDays?: number;
}

/** The whole demo workspace for a seed: two years ending `today`, `customers` contacts. */
export function generateDataset({ seed, customers, today, behaviourDays = 45 }: GenerateOptions): DemoDataset {
  if (!Number.isInteger(customers) || customers < 1) throw new Error('customers must be a whole number of at least 1');
  const todayMs = Math.min(today.getTime(), startOfDay(dayOf(today.getTime())) + DAY_MS - 1);
  const fromMs = startOfDay(dayOf(todayMs)) - 2 * 365 * DAY_MS;
  const companies = generateCompanies(forkRandom(seed, 'companies'), Math.max(1, Math.round(customers / 6)));
  const companyOf = new Map(companies.map((company) => [company.key, company]));
  const seeds = generateContactSeeds(forkRandom(seed, 'contacts'), customers, companies, fromMs, todayMs);

  const lifeRandom = forkRandom(seed, 'orders');
  const tagRandom = forkRandom(seed, 'tags');
  const stories = new Map<string, BuyerStory>();
  const contacts: DemoContact[] = seeds.map(({ channel: _channel, ...seedContact }) => {
    const story = buyerStory(lifeRandom, { ...seedContact, channel: _channel }, seedContact.companyKey ? companyOf.get(seedContact.companyKey) : undefined, todayMs);
    stories.set(seedContact.key, story);
    return { ...seedContact, lifecycleStage: story.stage, tags: tagsFor(tagRandom, story.stage, story.orders.length) };
  });
  const contactOf = new Map(contacts.map((contact) => [contact.key, contact]));

  const orders: DemoOrder[] = [];
  const ordersByContact = new Map<string, DemoOrder[]>();
  for (const contact of contacts) {
    const own = stories.get(contact.key)!.orders;
    ordersByContact.set(contact.key, own);
    orders.push(...own);
  }

  const interactionRandom = forkRandom(seed, 'interactions');
  const feedbackRandom = forkRandom(seed, 'feedback');
  const behaviourRandom = forkRandom(seed, 'behaviour');
  const dealRandom = forkRandom(seed, 'deals');
  const ticketRandom = forkRandom(seed, 'tickets');
  const feedback: DemoFeedback[] = [];
  const deals: DemoDeal[] = [];
  const tickets: DemoTicket[] = [];
  const nextDeal = () => `d${String(deals.length).padStart(5, '0')}`;
  let ticketCount = 0;
  const nextTicket = () => `k${String(ticketCount++).padStart(5, '0')}`;
  const interactions = contacts.flatMap((contact) => generateInteractions(interactionRandom, contact, stories.get(contact.key)!, todayMs));
  const behaviour = contacts.flatMap((contact) => generateBehaviour(behaviourRandom, contact, stories.get(contact.key)!, todayMs, behaviourDays));
  for (const contact of contacts) {
    const story = stories.get(contact.key)!;
    const own = generateFeedback(feedbackRandom, contact, story).map((entry, index) => ({ key: `f${String(feedback.length + index).padStart(5, '0')}`, ...entry }));
    feedback.push(...own);
    deals.push(...generateDeals(dealRandom, contact, story, todayMs, nextDeal));
    tickets.push(...generateTickets(ticketRandom, contact, story, own.filter((entry) => entry.kind === 'complaint'), todayMs, nextTicket));
  }
  const campaigns = generateCampaigns(forkRandom(seed, 'campaigns'), contacts, ordersByContact, fromMs, todayMs);
  // Each audience member carries its campaign's tag from creation, so the campaign's segment is that tag.
  for (const campaign of campaigns) for (const key of campaign.audienceKeys) contactOf.get(key)!.tags.push(campaign.tag);
  const tasks = generateTasks(forkRandom(seed, 'tasks'), deals, tickets, (key) => contactOf.get(key)!, todayMs);

  return {
    seed,
    today: dayOf(todayMs),
    from: dayOf(fromMs),
    currency: CURRENCY,
    owner: { name: 'Dana Whitfield', companyName: 'Northwind Coffee Supply' },
    team: [...TEAM],
    companies,
    contacts,
    orders: orders.sort((a, b) => a.time.localeCompare(b.time)),
    interactions,
    feedback,
    behaviour,
    pipeline: PIPELINE,
    deals,
    tickets,
    campaigns,
    tasks,
  };
}
