import type { DemoCompany, DemoOrder, DemoOrderLine, LifecycleStage } from './dataset';
import type { Random } from './random';
import { CATALOGUE, CURRENCY, SEASONALITY, SOURCE_CHANNELS, type Product } from './reference-data';
import { DAY_MS, officeHours } from './time';
import type { ContactSeed } from './people';

/** A contact's life as a buyer: what drives its stage, its orders and its behaviour. */
export interface BuyerStory {
  stage: LifecycleStage;
  orders: DemoOrder[];
  /** When it stopped buying (churned, or churning now), if it did. */
  stoppedAt?: number;
  /** Became a customer at its first order. */
  firstOrderAt?: number;
}

/** A customer with no order for this long is churned; the generator keeps to it exactly. */
export const CHURN_AFTER_DAYS = 90;
const MAX_ORDERS = 40;

const byName = new Map(CATALOGUE.map((product) => [product.name, product]));
const consumables = CATALOGUE.filter((product) => product.consumable);
const weightsOf = (products: readonly Product[]) => Object.fromEntries(products.map((product) => [product.name, product.weight]));
const allWeights = weightsOf(CATALOGUE);
const consumableWeights = weightsOf(consumables);

const sizeFactor: Record<DemoCompany['size'], number> = { '1-10': 1, '11-50': 2, '51-200': 4, '201-500': 7, '501-1000': 10, '1001-5000': 14, '5001+': 20 };

/** One basket: a first product, then what tends to go with it (so association rules find pairs). */
function basket(random: Random, first: boolean, scale: number): DemoOrderLine[] {
  const primary = byName.get(first ? random.weighted(allWeights) : random.chance(0.08) ? random.weighted(allWeights) : random.weighted(consumableWeights))!;
  const chosen = new Map<string, Product>([[primary.name, primary]]);
  for (const companion of primary.companions) {
    if (random.chance(companion.probability)) chosen.set(companion.name, byName.get(companion.name)!);
  }
  return [...chosen.values()].map((product) => ({
    product: product.name,
    quantity: product.consumable ? Math.max(1, Math.round(random.normal(2 * scale, scale))) : 1,
    unitPrice: product.price,
  }));
}

/**
 * Whether the contact buys, and if so its orders: repeat orders at a rhythm of its own, busier
 * in Q4; some customers stop. One that stopped more than {@link CHURN_AFTER_DAYS} ago is churned;
 * one that stopped lately is still a customer, but an at-risk one (its visits fade).
 */
export function buyerStory(random: Random, contact: ContactSeed, company: DemoCompany | undefined, todayMs: number): BuyerStory {
  const createdMs = Date.parse(contact.createdAt);
  const ageDays = (todayMs - createdMs) / DAY_MS;
  // A contact of a few days has had less time to buy.
  const conversion = SOURCE_CHANNELS[contact.channel].conversion * Math.min(1, ageDays / 45);
  const firstOrderAt = createdMs + random.exponential(18) * DAY_MS;
  if (!random.chance(conversion) || firstOrderAt >= todayMs - DAY_MS) {
    return { stage: random.chance(0.55) ? 'prospect' : 'lead', orders: [] };
  }
  const scale = company ? sizeFactor[company.size] : 1;
  const meanGapDays = random.pick([30, 40, 50, 60, 75]);
  const churns = random.chance(0.3);
  const stopAt = churns ? firstOrderAt + (30 + random.exponential(260)) * DAY_MS : Number.POSITIVE_INFINITY;
  const orders: DemoOrder[] = [];
  let at = firstOrderAt;
  while (at < todayMs && at < stopAt && orders.length < MAX_ORDERS) {
    const time = Math.min(officeHours(at, random.next()), todayMs - 60_000);
    orders.push({
      contactKey: contact.key,
      reference: `NW-${contact.key.slice(1)}-${String(orders.length + 1).padStart(2, '0')}`,
      time: new Date(time).toISOString(),
      currency: CURRENCY,
      items: basket(random, orders.length === 0, scale),
    });
    at += (Math.max(3, random.exponential(meanGapDays)) / SEASONALITY[new Date(at).getUTCMonth()]!) * DAY_MS;
  }
  const lastOrderAt = Date.parse(orders.at(-1)!.time);
  // Whoever has not ordered for the churn window is churned, whether it meant to stop or not.
  const churned = todayMs - lastOrderAt > CHURN_AFTER_DAYS * DAY_MS;
  const stoppedAt = churned ? Math.min(stopAt, todayMs) : stopAt < todayMs ? stopAt : undefined;
  return {
    stage: churned ? 'churned' : 'customer',
    orders,
    firstOrderAt: Date.parse(orders[0]!.time),
    ...(stoppedAt === undefined ? {} : { stoppedAt: Math.max(lastOrderAt, stoppedAt) }),
  };
}

/** The order's amount in minor units, as the API computes it from the lines. */
export function amountMinorOf(order: DemoOrder): number {
  return order.items.reduce((sum, line) => sum + line.quantity * Math.round(Number(line.unitPrice) * 100), 0);
}
