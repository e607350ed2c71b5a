import { createHttpHandler, marketingEndpoints, ok } from '@rapport/http';
import { marketingRuntime, type MarketingRuntime } from '../shared/runtime/marketing';
import { campaignIdParams, versionHeaders } from './marketing-http';

export const createGetCampaignHandler = (rt: MarketingRuntime) =>
  createHttpHandler(rt, marketingEndpoints.getCampaign, { params: campaignIdParams }, async ({ params, actor }) => {
    const campaign = await rt.campaignsFor(actor).get(params.id);
    return ok(campaign, versionHeaders(campaign));
  });

export const handler = createGetCampaignHandler(marketingRuntime());
