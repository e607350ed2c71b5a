import { emailSchema, segmentFields } from '@rapport/domain';
import { createHttpHandler, decodeCursor, encodeCursor, ok, ValidationError } from '@rapport/http';
import { z } from 'zod';
import { runtime, type Runtime } from '../shared/runtime';

const listQuery = z.strictObject({
  limit: z.coerce.number().int('must be a whole number').min(1).max(100).default(25),
  cursor: z.string().max(200).optional(),
  /** Exact match, through the blind index (the email itself is stored encrypted). */
  email: emailSchema.optional(),
  /** Filters of the listing (a FilterExpression over it, not an index: see ContactRepository.list). */
  lifecycleStage: segmentFields.lifecycleStage.optional(),
  tag: z.string().trim().min(1, 'must not be empty').max(50, 'must be at most 50 characters').optional(),
});

export const createListContactsHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'listContacts', { query: listQuery }, async ({ query, actor }) => {
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

export const handler = createListContactsHandler(runtime());
