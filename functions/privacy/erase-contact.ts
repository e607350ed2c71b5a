import { contactIdParams, createHttpHandler, ok, privacyEndpoints } from '@rapport/http';
import { privacyRuntime, type PrivacyRuntime } from '../shared/runtime/privacy';

export const createEraseContactHandler = (rt: PrivacyRuntime) =>
  createHttpHandler(rt, privacyEndpoints.eraseContact, { params: contactIdParams }, async ({ params, actor }) => ok(await rt.dataSubjectsFor(actor).erase(params.id)));

export const handler = createEraseContactHandler(privacyRuntime());
