import { campaignPatchSchema } from '@rapport/domain';
import { createHttpHandler, expectedVersion, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { campaignIdParams, versionHeaders } from './marketing-http';

export const createUpdateCampaignHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'updateCampaign', { params: campaignIdParams, body: campaignPatchSchema }, async ({ params, body, headers, actor }) => {
    const campaign = await rt.campaignsFor(actor).update(params.id, body, expectedVersion(headers['if-match'], body.version));
    return ok(campaign, versionHeaders(campaign));
  });

export const handler = createUpdateCampaignHandler(runtime());
