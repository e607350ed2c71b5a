import { conversionCreateSchema } from '@rapport/domain';
import { created, createHttpHandler, marketingEndpoints } from '@rapport/http';
import { marketingRuntime, type MarketingRuntime } from '../shared/runtime/marketing';
import { campaignIdParams } from './marketing-http';
import { idempotentRuntime } from '../shared/idempotency';

export const createRecordCampaignConversionHandler = (rt: MarketingRuntime) =>
  createHttpHandler(idempotentRuntime(rt), marketingEndpoints.recordCampaignConversion, { params: campaignIdParams, body: conversionCreateSchema }, async ({ params, body, actor }) =>
    created(await rt.campaignsFor(actor).recordConversion(params.id, body)),
  );

export const handler = createRecordCampaignConversionHandler(marketingRuntime());
