import { campaignPatchSchema } from '@rapport/domain';
import { createHttpHandler, expectedVersion, marketingEndpoints, ok } from '@rapport/http';
import { marketingRuntime, type MarketingRuntime } from '../shared/runtime/marketing';
import { campaignIdParams, versionHeaders } from './marketing-http';

export const createUpdateCampaignHandler = (rt: MarketingRuntime) =>
  createHttpHandler(rt, marketingEndpoints.updateCampaign, { params: campaignIdParams, body: campaignPatchSchema }, async ({ params, body, headers, actor }) => {
    const campaign = await rt.campaignsFor(actor).update(params.id, body, expectedVersion(headers['if-match'], body.version));
    return ok(campaign, versionHeaders(campaign));
  });

export const handler = createUpdateCampaignHandler(marketingRuntime());
