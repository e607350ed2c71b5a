import { DynamoCompanyRepository, DynamoContactRepository, DynamoDealRepository, DynamoPipelineRepository } from '@rapport/data';
import { createDealService, createPipelineService, type Actor } from '@rapport/domain';
import { createCommonRuntime, oncePerContainer, type CommonRuntime } from './common';

/** Sales pipelines and their stages, deals, the forecast and lead conversion. */
export interface SalesRuntime extends CommonRuntime {
  pipelinesFor(actor: Actor): ReturnType<typeof createPipelineService>;
  dealsFor(actor: Actor): ReturnType<typeof createDealService>;
}

export function createSalesRuntime(environment: NodeJS.ProcessEnv): SalesRuntime {
  const common = createCommonRuntime(environment);
  const { table, clock } = common;
  const pipelinesFor = (actor: Actor) => createPipelineService({ pipelines: new DynamoPipelineRepository(table, actor.auth.tenantId), clock }, actor);
  return {
    ...common,
    pipelinesFor,
    dealsFor: (actor) =>
      createDealService(
        {
          deals: new DynamoDealRepository(table, actor.auth.tenantId),
          pipelines: pipelinesFor(actor),
          contacts: new DynamoContactRepository(table, actor.auth.tenantId),
          companies: new DynamoCompanyRepository(table, actor.auth.tenantId),
          memberships: common.membershipsOf(actor.auth.tenantId),
          clock,
        },
        actor,
      ),
  };
}

export const salesRuntime = oncePerContainer(createSalesRuntime);
