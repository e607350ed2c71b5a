import { contactIdParams, createHttpHandler, ok, privacyEndpoints } from '@rapport/http';
import { privacyRuntime, type PrivacyRuntime } from '../shared/runtime/privacy';

/** A person's copy of everything held about them, as a file behind a link, the way contact exports are delivered. */
export const createExportContactSubjectHandler = (rt: PrivacyRuntime) =>
  createHttpHandler(rt, privacyEndpoints.exportContactSubject, { params: contactIdParams }, async ({ params, actor }) =>
    ok(await rt.dataSubjectsFor(actor).export(params.id)),
  );

export const handler = createExportContactSubjectHandler(privacyRuntime());
