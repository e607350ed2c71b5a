import { createHttpHandler, marketingEndpoints, ok } from '@rapport/http';
import { marketingRuntime, type MarketingRuntime } from '../shared/runtime/marketing';
import { campaignIdParams, versionHeaders } from './marketing-http';
import { idempotentRuntime } from '../shared/idempotency';

export const createLaunchCampaignHandler = (rt: MarketingRuntime) =>
  createHttpHandler(idempotentRuntime(rt), marketingEndpoints.launchCampaign, { params: campaignIdParams }, async ({ params, actor }) => {
    const campaign = await rt.campaignsFor(actor).launch(params.id);
    return ok(campaign, versionHeaders(campaign));
  });

export const handler = createLaunchCampaignHandler(marketingRuntime());
