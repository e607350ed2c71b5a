import { conversionCreateSchema } from '@rapport/domain';
import { created, createHttpHandler } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { campaignIdParams } from './marketing-http';

export const createRecordCampaignConversionHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'recordCampaignConversion', { params: campaignIdParams, body: conversionCreateSchema }, async ({ params, body, actor }) =>
    created(await rt.campaignsFor(actor).recordConversion(params.id, body)),
  );

export const handler = createRecordCampaignConversionHandler(runtime());
