import type { Page, Ticket } from '@rapport/domain';
import { decodeCursor, encodeCursor, etagOf } from '@rapport/http';

/** The `{id}`, `{token}` and list query of the ticket routes, from their contracts. */
export { ticketIdParams, ticketListQuery, surveyTokenParams } from '@rapport/http';

/** A ticket's ETag, so a client can send it back as `If-Match`. */
export const ticketHeaders = (ticket: Ticket) => ({ etag: etagOf(ticket.version) });

export const afterIdOf = (cursor: string | undefined) => (cursor === undefined ? {} : { afterId: decodeCursor(cursor) });

export const pageBody = <T>(page: Page<T>) => ({ items: page.items, nextCursor: page.lastId ? encodeCursor(page.lastId) : null });
