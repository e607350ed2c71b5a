import { contactEndpoints, contactExportQuery, createHttpHandler, ok } from '@rapport/http';
import { contactExportsRuntime, type ContactExportsRuntime } from '../shared/runtime/contacts';

/**
 * The tenant's contacts as one CSV or JSON Lines file, answered with a link to it.
 *
 * Why a file in S3 and not the response itself: a Lambda response behind API Gateway is at most
 * 6 MB, and 100k contacts are far more. API Gateway REST can stream a Lambda's response now, but
 * only from a handler written for `awslambda.streamifyResponse`, which our middy chain (and the
 * local adapter, which invokes handlers for their result) is not; and a streamed answer could not
 * be retried by the client without exporting again. So the handler pages through the contact
 * listing index and streams the file into the exports bucket as a multipart upload (memory holds
 * one page and one 5 MB part), then answers with a presigned link valid for 15 minutes; the bucket
 * deletes the file after a day. Paging reads about 500 contacts per query, so 100k contacts are
 * some 200 queries, within the 29 seconds API Gateway waits; beyond that this becomes an
 * asynchronous job (202 and a status to poll) on the same exporter.
 */
export const createExportContactsHandler = (rt: ContactExportsRuntime) =>
  createHttpHandler(rt, contactEndpoints.exportContacts, { query: contactExportQuery }, async ({ query, actor }) =>
    ok(await rt.contactExportsFor(actor).export(query.format)),
  );

export const handler = createExportContactsHandler(contactExportsRuntime());
