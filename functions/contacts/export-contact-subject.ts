import { contactEndpoints, createHttpHandler, ok } from '@rapport/http';
import { contactsRuntime, type ContactsRuntime } from '../shared/runtime/contacts';
import { contactIdParams } from './contact-http';

/** A person's copy of everything held about them, as a file behind a link, the way contact exports are delivered. */
export const createExportContactSubjectHandler = (rt: ContactsRuntime) =>
  createHttpHandler(rt, contactEndpoints.exportContactSubject, { params: contactIdParams }, async ({ params, actor }) =>
    ok(await rt.dataSubjectsFor(actor).export(params.id)),
  );

export const handler = createExportContactSubjectHandler(contactsRuntime());
