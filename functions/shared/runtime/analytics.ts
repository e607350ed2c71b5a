import { DynamoAnalyticsStore } from '@rapport/data';
import { createAnalyticsService, type Actor } from '@rapport/domain';
import { createCommonRuntime, oncePerContainer, type CommonRuntime } from './common';

/** The CRM numbers, read from the analytics aggregates only (`analytics:read`). */
export interface AnalyticsRuntime extends CommonRuntime {
  analyticsFor(actor: Actor): ReturnType<typeof createAnalyticsService>;
}

export function createAnalyticsRuntime(environment: NodeJS.ProcessEnv): AnalyticsRuntime {
  const common = createCommonRuntime(environment);
  const { table, clock } = common;
  return {
    ...common,
    analyticsFor: (actor) => createAnalyticsService({ reader: new DynamoAnalyticsStore({ ...table, clock }), clock }, actor),
  };
}

export const analyticsRuntime = oncePerContainer(createAnalyticsRuntime);
