import type { DemoCompany, DemoContact, DemoUser, LifecycleStage } from './dataset';
import type { Random } from './random';
import {
  COMPANY_SIZE_WEIGHTS, COMPANY_SUFFIXES, COMPANY_WORDS, FIRST_NAMES, INDUSTRIES, LAST_NAMES, REGIONS, SOURCE_CHANNELS, TITLES,
  type Region, type SourceChannel,
} from './reference-data';

/** The team: a manager, three reps (each covering regions), a support agent and a marketer. */
export const TEAM: readonly DemoUser[] = [
  { key: 'u-manager', name: 'Morgan Reyes', emailLocalPart: 'morgan.reyes', roleId: 'sales_manager' },
  { key: 'u-rep-1', name: 'Sam Carter', emailLocalPart: 'sam.carter', roleId: 'sales_rep' },
  { key: 'u-rep-2', name: 'Priya Nair', emailLocalPart: 'priya.nair', roleId: 'sales_rep' },
  { key: 'u-rep-3', name: 'Jonas Weber', emailLocalPart: 'jonas.weber', roleId: 'sales_rep' },
  { key: 'u-support', name: 'Alex Kim', emailLocalPart: 'alex.kim', roleId: 'support_agent' },
  { key: 'u-marketer', name: 'Rosa Lindqvist', emailLocalPart: 'rosa.lindqvist', roleId: 'marketer' },
];

/** Which rep works which region: territories, so owners' books differ as they do in a real team. */
const REP_OF_REGION: Record<Region, string> = {
  'North America': 'u-rep-1',
  'Latin America': 'u-rep-1',
  Europe: 'u-rep-2',
  'Middle East & Africa': 'u-rep-2',
  'Asia Pacific': 'u-rep-3',
};

const ascii = (text: string) => text.normalize('NFD').replace(/[^A-Za-z0-9]/g, '').toLowerCase();

export function generateCompanies(random: Random, count: number): DemoCompany[] {
  const used = new Set<string>();
  return Array.from({ length: count }, (_, index) => {
    let name = '';
    do name = `${random.pick(COMPANY_WORDS)} ${random.pick(COMPANY_SUFFIXES)}`;
    while (used.has(name) && used.size < COMPANY_WORDS.length * COMPANY_SUFFIXES.length);
    if (used.has(name)) name = `${name} ${index}`;
    used.add(name);
    const region = random.weighted(REGIONS);
    return {
      key: `co${String(index).padStart(4, '0')}`,
      name,
      domain: `${ascii(name)}.example`,
      industry: random.pick(INDUSTRIES),
      size: random.weighted(COMPANY_SIZE_WEIGHTS),
      region,
      ownerKey: REP_OF_REGION[region],
    };
  });
}

/** A contact before its lifecycle is known: who they are, where they came from, when. */
export interface ContactSeed extends Omit<DemoContact, 'lifecycleStage' | 'tags'> {
  channel: SourceChannel;
}

export function generateContactSeeds(random: Random, count: number, companies: readonly DemoCompany[], fromMs: number, todayMs: number): ContactSeed[] {
  const emails = new Set<string>();
  return Array.from({ length: count }, (_, index) => {
    const firstName = random.pick(FIRST_NAMES);
    const lastName = random.pick(LAST_NAMES);
    // Three in four work at one of the accounts; the rest buy for a small office of their own.
    const company = companies.length > 0 && random.chance(0.75) ? random.pick(companies) : undefined;
    const region = company?.region ?? random.weighted(REGIONS);
    const domain = company?.domain ?? 'mail.example';
    let email = `${ascii(firstName)}.${ascii(lastName)}@${domain}`;
    for (let n = 2; emails.has(email); n++) email = `${ascii(firstName)}.${ascii(lastName)}${n}@${domain}`;
    emails.add(email);
    const channel = random.weighted(Object.fromEntries(Object.entries(SOURCE_CHANNELS).map(([name, { share }]) => [name, share])) as Record<SourceChannel, number>);
    // The book grows: more contacts came in lately than two years ago.
    const createdAt = fromMs + Math.floor(Math.pow(random.next(), 0.75) * (todayMs - fromMs));
    return {
      key: `c${String(index).padStart(5, '0')}`,
      firstName,
      lastName,
      email,
      // Numbers in Ofcom's range for drama, valid but never anyone's.
      ...(region === 'Europe' && random.chance(0.6) ? { phone: `+442079460${String(random.int(0, 999)).padStart(3, '0')}` } : {}),
      title: random.pick(TITLES),
      ...(company ? { companyKey: company.key } : {}),
      region,
      sourceChannel: channel,
      channel,
      ownerKey: company?.ownerKey ?? REP_OF_REGION[region as Region],
      createdAt: new Date(createdAt).toISOString(),
    };
  });
}

export function tagsFor(random: Random, stage: LifecycleStage, orderCount: number): string[] {
  const tags: string[] = [];
  if (stage === 'customer' && orderCount >= 8) tags.push('vip');
  if (random.chance(0.3)) tags.push('newsletter');
  if (stage === 'churned' && random.chance(0.5)) tags.push('win-back');
  if (random.chance(0.1)) tags.push('trade-show');
  return tags;
}
