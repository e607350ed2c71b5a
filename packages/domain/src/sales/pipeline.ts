import type { Versioned } from '../shared/versioned';

/**
 * A stage of a pipeline. `probability` is the chance, in whole percent (0–100), that a deal in this
 * stage is won: the forecast weighs open deals by it. Won and lost are not stages but a deal's
 * outcome (its `status`), so a pipeline lists only the stages an open deal can be in, in order.
 */
export interface Stage {
  id: string;
  name: string;
  probability: number;
}

/** A tenant's sales pipeline: its ordered stages. */
export interface Pipeline extends Versioned {
  id: string;
  name: string;
  stages: Stage[];
}

/**
 * The default pipeline every tenant has. It is created lazily, on the first read of the pipelines
 * or the first deal without a pipeline, so signup stays one transaction and existing tenants get it
 * too. Its id is fixed (valid ULID syntax, before any real one), so two first reads at once cannot
 * create two.
 */
export const DEFAULT_PIPELINE_ID = '00000000000000000000000000';

export function defaultPipeline(now: string): Pipeline {
  const stage = (n: number, name: string, probability: number): Stage => ({ id: `0000000000000000000000000${n}`, name, probability });
  return {
    id: DEFAULT_PIPELINE_ID,
    name: 'Sales',
    stages: [stage(1, 'Qualification', 10), stage(2, 'Needs analysis', 25), stage(3, 'Proposal', 50), stage(4, 'Negotiation', 75)],
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
}
