import { describe, expect, it } from 'vitest';
import { BasketCounter, DEFAULT_RULE_THRESHOLDS } from './association-rules';

/** Ten baskets: 4 × {A,B}, 2 × {A,C}, 2 × {B}, 1 × {C}, 1 × {A,B,C}. */
function tenBaskets(): BasketCounter {
  const counter = new BasketCounter();
  for (let i = 0; i < 4; i++) counter.add(['A', 'B']);
  for (let i = 0; i < 2; i++) counter.add(['A', 'C']);
  for (let i = 0; i < 2; i++) counter.add(['B']);
  counter.add(['C']);
  counter.add(['C', 'B', 'A', 'A']);
  return counter;
}

describe('association rules', () => {
  it('computes support, confidence and lift by hand', () => {
    // Prepare: A in 7 baskets, B in 7, C in 4; A&B 5, A&C 3, B&C 1.
    const counter = tenBaskets();
    // Act
    const rules = counter.rules();
    // Assess
    expect(counter.baskets).toBe(10);
    expect(rules.get('A')).toEqual([
      // A→B: 5/10; 5/7 = 0.7143; 0.7143 / 0.7 = 1.0204
      { product: 'A', recommended: 'B', customers: 5, support: 0.5, confidence: 0.7143, lift: 1.0204 },
      // A→C: 3/10; 3/7 = 0.4286; 0.4286 / 0.4 = 1.0714
      { product: 'A', recommended: 'C', customers: 3, support: 0.3, confidence: 0.4286, lift: 1.0714 },
    ]);
    // C→A: 3/10; 3/4 = 0.75; 0.75 / 0.7 = 1.0714. C→B rests on one customer: dropped.
    expect(rules.get('C')).toEqual([{ product: 'C', recommended: 'A', customers: 3, support: 0.3, confidence: 0.75, lift: 1.0714 }]);
  });

  it('drops rules under the confidence and support thresholds', () => {
    const rules = tenBaskets().rules({ ...DEFAULT_RULE_THRESHOLDS, minConfidence: 0.6, minSupport: 0.35 });
    expect(rules.get('A')?.map((rule) => rule.recommended)).toEqual(['B']);
    expect(rules.has('C')).toBe(false);
  });

  it('counts a customer once however often they bought, and ignores empty baskets', () => {
    const counter = new BasketCounter();
    counter.add(['A', 'A', 'B']);
    counter.add([]);
    counter.add(['A', 'B']);
    expect(counter.baskets).toBe(2);
    expect(counter.rules().get('B')).toEqual([{ product: 'B', recommended: 'A', customers: 2, support: 1, confidence: 1, lift: 1 }]);
  });

  it('keeps the best rules of a product only', () => {
    const counter = new BasketCounter();
    for (let i = 0; i < 3; i++) counter.add(['X', 'Y', 'Z']);
    counter.add(['X', 'Y']);
    const rules = counter.rules({ ...DEFAULT_RULE_THRESHOLDS, maxRulesPerProduct: 1 });
    expect(rules.get('X')?.map((rule) => rule.recommended)).toEqual(['Y']);
  });
});
