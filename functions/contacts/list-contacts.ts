import { contactListQuery, createHttpHandler, decodeCursor, encodeCursor, ok, ValidationError } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';

export const createListContactsHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'listContacts', { query: contactListQuery }, async ({ query, actor }) => {
    const contacts = rt.contactsFor(actor);
    if (query.email !== undefined) {
      if (query.cursor !== undefined) throw new ValidationError([{ field: 'query.cursor', message: 'cannot be combined with email' }]);
      return ok({ items: await contacts.findByEmail(query.email), nextCursor: null });
    }
    const afterId = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const page = await contacts.list({ limit: query.limit, ...(afterId ? { afterId } : {}) });
    return ok({ items: page.items, nextCursor: page.lastId ? encodeCursor(page.lastId) : null });
  });

export const handler = createListContactsHandler(runtime());
