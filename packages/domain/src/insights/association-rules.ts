/**
 * "Customers who bought X also bought Y": association rules over baskets, one basket per customer
 * (the set of products they ever bought), so a customer who buys X every week counts once.
 *
 *   support(X→Y)    = customers with X and Y / customers with any order
 *   confidence(X→Y) = customers with X and Y / customers with X
 *   lift(X→Y)       = confidence(X→Y) / support(Y)        (> 1: Y is likelier with X than without)
 *
 * A rule is kept when it rests on at least MIN_RULE_CUSTOMERS customers, its support is at least
 * MIN_SUPPORT and its confidence at least MIN_CONFIDENCE; each product keeps its best
 * MAX_RULES_PER_PRODUCT rules, by confidence, then lift, then product. Pairs are counted over every
 * basket at once (a basket of k products adds k(k−1)/2 pairs), so baskets are capped at
 * MAX_BASKET_PRODUCTS: past that a customer is a reseller, not a signal.
 */
export const MIN_SUPPORT = 0.01;
export const MIN_CONFIDENCE = 0.2;
export const MIN_RULE_CUSTOMERS = 2;
export const MAX_RULES_PER_PRODUCT = 20;
export const MAX_BASKET_PRODUCTS = 100;

export interface AssociationRule {
  /** X, the product bought. */
  product: string;
  /** Y, the product also bought. */
  recommended: string;
  /** Customers who bought both. */
  customers: number;
  support: number;
  confidence: number;
  lift: number;
}

export interface RuleThresholds {
  minSupport: number;
  minConfidence: number;
  minCustomers: number;
  maxRulesPerProduct: number;
}

export const DEFAULT_RULE_THRESHOLDS: RuleThresholds = {
  minSupport: MIN_SUPPORT,
  minConfidence: MIN_CONFIDENCE,
  minCustomers: MIN_RULE_CUSTOMERS,
  maxRulesPerProduct: MAX_RULES_PER_PRODUCT,
};

const round = (value: number) => Math.round(value * 10_000) / 10_000;

/** Counts baskets one at a time, so a caller can feed them as it reads them. */
export class BasketCounter {
  #baskets = 0;
  readonly #products = new Map<string, number>();
  readonly #pairs = new Map<string, Map<string, number>>();

  add(basket: Iterable<string>): void {
    const products = [...new Set(basket)].sort().slice(0, MAX_BASKET_PRODUCTS);
    if (products.length === 0) return;
    this.#baskets += 1;
    for (const product of products) this.#products.set(product, (this.#products.get(product) ?? 0) + 1);
    for (let i = 0; i < products.length; i++) {
      for (let j = i + 1; j < products.length; j++) {
        this.#count(products[i]!, products[j]!);
        this.#count(products[j]!, products[i]!);
      }
    }
  }

  /** Every rule above the thresholds, grouped by X, each group best first. */
  rules(thresholds: RuleThresholds = DEFAULT_RULE_THRESHOLDS): Map<string, AssociationRule[]> {
    const byProduct = new Map<string, AssociationRule[]>();
    for (const [product, partners] of this.#pairs) {
      const withX = this.#products.get(product)!;
      const rules: AssociationRule[] = [];
      for (const [recommended, both] of partners) {
        const support = both / this.#baskets;
        const confidence = both / withX;
        if (both < thresholds.minCustomers || support < thresholds.minSupport || confidence < thresholds.minConfidence) continue;
        const supportOfY = this.#products.get(recommended)! / this.#baskets;
        rules.push({ product, recommended, customers: both, support: round(support), confidence: round(confidence), lift: round(confidence / supportOfY) });
      }
      rules.sort((a, b) => b.confidence - a.confidence || b.lift - a.lift || a.recommended.localeCompare(b.recommended));
      if (rules.length > 0) byProduct.set(product, rules.slice(0, thresholds.maxRulesPerProduct));
    }
    return byProduct;
  }

  get baskets(): number {
    return this.#baskets;
  }

  #count(x: string, y: string): void {
    let partners = this.#pairs.get(x);
    if (!partners) this.#pairs.set(x, (partners = new Map()));
    partners.set(y, (partners.get(y) ?? 0) + 1);
  }
}
