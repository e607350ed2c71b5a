import { contactEndpoints, contactListQuery, createHttpHandler, decodeCursor, encodeCursor, ok, ValidationError } from '@rapport/http';
import { contactsRuntime, type ContactsRuntime } from '../shared/runtime/contacts';

export const createListContactsHandler = (rt: ContactsRuntime) =>
  createHttpHandler(rt, contactEndpoints.listContacts, { query: contactListQuery }, async ({ query, actor }) => {
    const contacts = rt.contactsFor(actor);
    if (query.email !== undefined) {
      const others = (['cursor', 'lifecycleStage', 'tag'] as const).filter((name) => query[name] !== undefined);
      if (others.length > 0) throw new ValidationError(others.map((name) => ({ field: `query.${name}`, message: 'cannot be combined with email' })));
      return ok({ items: await contacts.findByEmail(query.email), nextCursor: null });
    }
    const afterId = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const filter = { ...(query.lifecycleStage ? { lifecycleStage: query.lifecycleStage } : {}), ...(query.tag ? { tag: query.tag } : {}) };
    const page = await contacts.list({ limit: query.limit, ...(afterId ? { afterId } : {}), filter });
    return ok({ items: page.items, nextCursor: page.lastId ? encodeCursor(page.lastId) : null });
  });

export const handler = createListContactsHandler(contactsRuntime());
