import { emailSchema } from '@rapport/domain';
import { createHttpHandler, decodeCursor, encodeCursor, ok, ValidationError } from '@rapport/http';
import { z } from 'zod';
import { runtime, type Runtime } from '../shared/runtime';

const listQuery = z.strictObject({
  limit: z.coerce.number().int('must be a whole number').min(1).max(100).default(25),
  cursor: z.string().max(200).optional(),
  /** Exact match, through the blind index (the email itself is stored encrypted). */
  email: emailSchema.optional(),
});

export const createListContactsHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'listContacts', { query: listQuery }, async ({ query, actor }) => {
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
