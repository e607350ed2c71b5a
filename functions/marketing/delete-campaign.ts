import { createHttpHandler, noContent } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { campaignIdParams } from './marketing-http';

export const createDeleteCampaignHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'deleteCampaign', { params: campaignIdParams }, async ({ params, actor }) => {
    await rt.campaignsFor(actor).delete(params.id);
    return noContent();
  });

export const handler = createDeleteCampaignHandler(runtime());
