import type { Versioned } from '../shared/versioned';
import type { RuleNode } from './segment-rules';

/** A saved rule set; its members are evaluated when asked for (or fixed when a campaign launches). */
export interface Segment extends Versioned {
  id: string;
  name: string;
  description?: string;
  rules: RuleNode;
  createdBy: string;
}
