import { campaignCreateSchema } from '@rapport/domain';
import { created, createHttpHandler, marketingEndpoints } from '@rapport/http';
import { marketingRuntime, type MarketingRuntime } from '../shared/runtime/marketing';
import { versionHeaders } from './marketing-http';
import { idempotentRuntime } from '../shared/idempotency';

export const createCreateCampaignHandler = (rt: MarketingRuntime) =>
  createHttpHandler(idempotentRuntime(rt), marketingEndpoints.createCampaign, { body: campaignCreateSchema }, async ({ body, actor }) => {
    const campaign = await rt.campaignsFor(actor).create(body);
    return created(campaign, { ...versionHeaders(campaign), location: `/v1/campaigns/${campaign.id}` });
  });

export const handler = createCreateCampaignHandler(marketingRuntime());
