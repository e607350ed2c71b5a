import { DynamoCampaignRepository, DynamoFieldDefinitionRepository, DynamoSegmentDataSource, DynamoSegmentRepository } from '@rapport/data';
import { createCampaignService, createSegmentService, type Actor } from '@rapport/domain';
import { createCommonRuntime, oncePerContainer, type CommonRuntime } from './common';

/** Segments and campaigns (`marketing:*`). */
export interface MarketingRuntime extends CommonRuntime {
  /** Segments: saved rules, evaluated over the listings. */
  segmentsFor(actor: Actor): ReturnType<typeof createSegmentService>;
  /** Campaigns, their fixed audiences and conversions. */
  campaignsFor(actor: Actor): ReturnType<typeof createCampaignService>;
}

export function createMarketingRuntime(environment: NodeJS.ProcessEnv): MarketingRuntime {
  const common = createCommonRuntime(environment);
  const { table, clock } = common;
  const segmentsFor = (actor: Actor) =>
    createSegmentService(
      {
        segments: new DynamoSegmentRepository(table, actor.auth.tenantId),
        source: new DynamoSegmentDataSource(table, actor.auth.tenantId),
        fields: new DynamoFieldDefinitionRepository(table, actor.auth.tenantId),
        clock,
      },
      actor,
    );
  return {
    ...common,
    segmentsFor,
    campaignsFor: (actor) => createCampaignService({ campaigns: new DynamoCampaignRepository(table, actor.auth.tenantId), segments: segmentsFor(actor), clock }, actor),
  };
}

export const marketingRuntime = oncePerContainer(createMarketingRuntime);
