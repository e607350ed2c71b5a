import { createHttpHandler, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { campaignIdParams, versionHeaders } from './marketing-http';

export const createGetCampaignHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'getCampaign', { params: campaignIdParams }, async ({ params, actor }) => {
    const campaign = await rt.campaignsFor(actor).get(params.id);
    return ok(campaign, versionHeaders(campaign));
  });

export const handler = createGetCampaignHandler(runtime());
