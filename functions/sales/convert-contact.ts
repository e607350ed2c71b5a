import { contactConvertSchema } from '@rapport/domain';
import { created, createHttpHandler } from '@rapport/http';
import { contactIdParams } from '../contacts/contact-http';
import { runtime, type Runtime } from '../shared/runtime';
import { versionHeaders } from './sales-http';

export const createConvertContactHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'convertContact', { params: contactIdParams, body: contactConvertSchema }, async ({ params, body, actor }) => {
    const deal = await rt.dealsFor(actor).convert(params.id, body);
    return created(deal, { ...versionHeaders(deal), location: `/v1/deals/${deal.id}` });
  });

export const handler = createConvertContactHandler(runtime());
