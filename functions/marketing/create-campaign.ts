import { campaignCreateSchema } from '@rapport/domain';
import { created, createHttpHandler } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { versionHeaders } from './marketing-http';

export const createCreateCampaignHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'createCampaign', { body: campaignCreateSchema }, async ({ body, actor }) => {
    const campaign = await rt.campaignsFor(actor).create(body);
    return created(campaign, { ...versionHeaders(campaign), location: `/v1/campaigns/${campaign.id}` });
  });

export const handler = createCreateCampaignHandler(runtime());
