import { createHttpHandler, marketingEndpoints, noContent } from '@rapport/http';
import { marketingRuntime, type MarketingRuntime } from '../shared/runtime/marketing';
import { campaignIdParams } from './marketing-http';

export const createDeleteCampaignHandler = (rt: MarketingRuntime) =>
  createHttpHandler(rt, marketingEndpoints.deleteCampaign, { params: campaignIdParams }, async ({ params, actor }) => {
    await rt.campaignsFor(actor).delete(params.id);
    return noContent();
  });

export const handler = createDeleteCampaignHandler(marketingRuntime());
