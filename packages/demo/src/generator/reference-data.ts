/**
 * The fixed vocabulary of the demo workspace: a small office-coffee supplier ("Northwind Coffee
 * Supply") selling to offices, with the skews a real one would show: more customers in North
 * America and Europe, referrals converting best, a Q4 peak, bundles bought together.
 */
export const CURRENCY = 'USD';

export const REGIONS = {
  'North America': 38,
  Europe: 31,
  'Asia Pacific': 17,
  'Latin America': 9,
  'Middle East & Africa': 5,
} as const;
export type Region = keyof typeof REGIONS;

/** Where contacts come from, and how likely each one becomes a customer. */
export const SOURCE_CHANNELS = {
  web: { share: 30, conversion: 0.5 },
  referral: { share: 16, conversion: 0.75 },
  paid_search: { share: 15, conversion: 0.45 },
  social: { share: 13, conversion: 0.3 },
  email: { share: 10, conversion: 0.5 },
  events: { share: 9, conversion: 0.6 },
  partner: { share: 7, conversion: 0.7 },
} as const;
export type SourceChannel = keyof typeof SOURCE_CHANNELS;

export interface Product {
  name: string;
  price: string;
  /** How often it is the first thing in an order. */
  weight: number;
  /** Bought with it, each with its probability. */
  companions: readonly { name: string; probability: number }[];
  /** Reordered again and again (beans, milk), rather than bought once (machines). */
  consumable: boolean;
}

export const CATALOGUE: readonly Product[] = [
  { name: 'Espresso Machine Pro', price: '1299.00', weight: 3, consumable: false, companions: [{ name: 'Milk Frother', probability: 0.6 }, { name: 'Espresso Beans 1kg', probability: 0.8 }, { name: 'Descaling Kit', probability: 0.45 }] },
  { name: 'Filter Brewer 12-cup', price: '249.00', weight: 4, consumable: false, companions: [{ name: 'Paper Filters (500)', probability: 0.75 }, { name: 'House Blend 1kg', probability: 0.7 }] },
  { name: 'Espresso Beans 1kg', price: '24.50', weight: 20, consumable: true, companions: [{ name: 'Oat Milk (12 pack)', probability: 0.35 }, { name: 'Cane Sugar Sticks (1000)', probability: 0.15 }] },
  { name: 'House Blend 1kg', price: '19.90', weight: 22, consumable: true, companions: [{ name: 'Paper Filters (500)', probability: 0.4 }, { name: 'Paper Cups (1000)', probability: 0.3 }] },
  { name: 'Decaf Blend 1kg', price: '21.90', weight: 6, consumable: true, companions: [{ name: 'House Blend 1kg', probability: 0.5 }] },
  { name: 'Paper Filters (500)', price: '9.90', weight: 6, consumable: true, companions: [{ name: 'House Blend 1kg', probability: 0.5 }] },
  { name: 'Oat Milk (12 pack)', price: '27.00', weight: 8, consumable: true, companions: [{ name: 'Espresso Beans 1kg', probability: 0.5 }] },
  { name: 'Paper Cups (1000)', price: '45.00', weight: 7, consumable: true, companions: [{ name: 'Cup Lids (1000)', probability: 0.85 }, { name: 'Wooden Stirrers (1000)', probability: 0.4 }] },
  { name: 'Cup Lids (1000)', price: '32.00', weight: 2, consumable: true, companions: [{ name: 'Paper Cups (1000)', probability: 0.7 }] },
  { name: 'Wooden Stirrers (1000)', price: '8.50', weight: 2, consumable: true, companions: [] },
  { name: 'Cane Sugar Sticks (1000)', price: '14.00', weight: 4, consumable: true, companions: [{ name: 'Wooden Stirrers (1000)', probability: 0.55 }] },
  { name: 'Milk Frother', price: '89.00', weight: 2, consumable: false, companions: [{ name: 'Oat Milk (12 pack)', probability: 0.6 }] },
  { name: 'Descaling Kit', price: '18.00', weight: 3, consumable: true, companions: [] },
  { name: 'Barista Training (half day)', price: '390.00', weight: 1, consumable: false, companions: [{ name: 'Espresso Beans 1kg', probability: 0.5 }] },
];

/** Order volume by month (January first): a Q4 peak, a January dip, a quieter August. */
export const SEASONALITY = [0.8, 0.9, 1, 1, 1, 0.95, 0.9, 0.75, 1.05, 1.15, 1.45, 1.6] as const;

export const FIRST_NAMES = [
  'Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Elijah', 'Sophia', 'Lucas', 'Mia', 'Mateo', 'Amelia', 'Leo', 'Harper', 'Ethan', 'Evelyn', 'James',
  'Isabella', 'Hugo', 'Charlotte', 'Arthur', 'Lea', 'Louis', 'Chloé', 'Jonas', 'Hannah', 'Finn', 'Sofía', 'Diego', 'Valentina', 'Santiago',
  'Lucía', 'Mohammed', 'Aisha', 'Omar', 'Fatima', 'Yusuf', 'Priya', 'Arjun', 'Ananya', 'Rohan', 'Mei', 'Wei', 'Yuki', 'Haruto', 'Sakura',
  'Min-jun', 'Seo-yeon', 'Chen', 'Lars', 'Ingrid', 'Mateus', 'Beatriz', 'Kwame', 'Amara', 'Thabo', 'Zanele', 'Grace', 'Daniel', 'Nora', 'Oscar',
] as const;

export const LAST_NAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Garcia', 'Miller', 'Davis', 'Martinez', 'Lopez', 'Wilson', 'Anderson', 'Taylor', 'Thomas', 'Moore',
  'Martin', 'Lee', 'Walker', 'Hall', 'Young', 'King', 'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Dubois', 'Laurent', 'Moreau', 'Rossi',
  'Bianchi', 'Romano', 'Fernández', 'González', 'Rodríguez', 'Silva', 'Santos', 'Oliveira', 'Khan', 'Ahmed', 'Hassan', 'Patel', 'Sharma',
  'Gupta', 'Wang', 'Li', 'Zhang', 'Tanaka', 'Suzuki', 'Sato', 'Kim', 'Park', 'Nguyen', 'Tran', 'Jensen', 'Nielsen', 'Johansson', 'Okafor',
  'Mensah', 'Dlamini', "O'Brien", 'Kowalski',
] as const;

export const TITLES = [
  'Office Manager', 'Facilities Manager', 'Operations Lead', 'Head of People', 'Executive Assistant', 'Procurement Specialist',
  'Workplace Coordinator', 'CFO', 'COO', 'Founder', 'Team Lead', 'Administrator',
] as const;

export const COMPANY_WORDS = [
  'Acme', 'Blue Harbor', 'Brightline', 'Cedar', 'Copperleaf', 'Driftwood', 'Evergreen', 'Fjord', 'Granite', 'Harbor Point', 'Ironwood', 'Juniper',
  'Keystone', 'Lakeside', 'Maple', 'Northstar', 'Oakridge', 'Pinecrest', 'Quarry', 'Redwood', 'Silverline', 'Summit', 'Tidewater', 'Umber',
  'Vertex', 'Willow', 'Yellowfin', 'Zephyr', 'Atlas', 'Beacon', 'Crescent', 'Delta', 'Ember', 'Falcon', 'Glacier', 'Horizon',
] as const;
export const COMPANY_SUFFIXES = ['Labs', 'Partners', 'Studio', 'Group', 'Logistics', 'Health', 'Legal', 'Digital', 'Works', 'Capital', 'Systems', 'Architects'] as const;
export const INDUSTRIES = ['Software', 'Legal services', 'Healthcare', 'Architecture', 'Finance', 'Logistics', 'Marketing agency', 'Education', 'Manufacturing', 'Retail'] as const;

export const COMPANY_SIZE_WEIGHTS = { '1-10': 22, '11-50': 34, '51-200': 24, '201-500': 11, '501-1000': 5, '1001-5000': 3, '5001+': 1 } as const;

export const PAGES = [
  'https://shop.northwind-coffee.example/',
  'https://shop.northwind-coffee.example/beans',
  'https://shop.northwind-coffee.example/machines',
  'https://shop.northwind-coffee.example/supplies',
  'https://shop.northwind-coffee.example/subscriptions',
  'https://shop.northwind-coffee.example/account/orders',
  'https://shop.northwind-coffee.example/help',
  'https://shop.northwind-coffee.example/blog/office-coffee-guide',
] as const;

export const LOST_REASONS = { price: 34, competitor: 24, no_budget: 17, timing: 14, no_response: 11 } as const;

export const COMPLAINTS = [
  'The last delivery arrived two days late.',
  'Half of the cups in the box were crushed.',
  'We were charged twice for the same order.',
  'The espresso machine leaks after descaling.',
  'The beans tasted stale compared to the previous batch.',
  'Nobody answered our support email for a week.',
] as const;

export const SUGGESTIONS = [
  'A monthly subscription with a discount would suit us.',
  'Please offer compostable cups.',
  'An invoice portal for our finance team would help.',
  'More decaf options, please.',
] as const;

export const TICKET_QUESTIONS = [
  'How do I change our delivery address?',
  'Can we move our order to next week?',
  'The machine shows error E07.',
  'We need a copy of last month\'s invoice.',
  'How do we set up a recurring order?',
  'Which beans do you recommend for a fully automatic machine?',
] as const;
