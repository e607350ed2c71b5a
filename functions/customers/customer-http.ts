import type { Page } from '@rapport/domain';
import { decodeCursor, encodeCursor, type recordPageQuery } from '@rapport/http';
import type * as z from 'zod';

/** `?limit=&cursor=` of a contact's record lists, from their contracts. */
export { recordPageQuery } from '@rapport/http';

/** The page a validated query asks for. */
export function pageOf(query: z.infer<typeof recordPageQuery>): { limit: number; afterId?: string } {
  return { limit: query.limit, ...(query.cursor === undefined ? {} : { afterId: decodeCursor(query.cursor) }) };
}

/** A page as the API answers it: items and an opaque cursor for the next one (null at the end). */
export function pageBody<T>(page: Page<T>) {
  return { items: page.items, nextCursor: page.lastId ? encodeCursor(page.lastId) : null };
}
