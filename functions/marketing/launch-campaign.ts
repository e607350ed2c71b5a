import { createHttpHandler, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { campaignIdParams, versionHeaders } from './marketing-http';

export const createLaunchCampaignHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'launchCampaign', { params: campaignIdParams }, async ({ params, actor }) => {
    const campaign = await rt.campaignsFor(actor).launch(params.id);
    return ok(campaign, versionHeaders(campaign));
  });

export const handler = createLaunchCampaignHandler(runtime());
