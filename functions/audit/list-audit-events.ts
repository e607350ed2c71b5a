import { readArchivedEvents } from '@rapport/audit';
import { AUDIT_DAYS_IN_TABLE } from '@rapport/data';
import type { AuditEvent } from '@rapport/domain';
import { auditEndpoints, auditListQuery, createHttpHandler, ok, ValidationError } from '@rapport/http';
import { auditRuntime, type AuditRuntime } from '../shared/runtime/audit';
import { archiveOf, decodeAuditCursor, encodeAuditCursor } from './audit-http';

/**
 * Events newest first. Recent ones come from the table (including events the integrator has not
 * sequenced yet, without their seq and hashes); a period reaching back past the table's
 * retention is read from the S3 archive instead (periods of at most 31 days: larger ones are for
 * Athena over the same archive).
 */
export const createListAuditEventsHandler = (rt: AuditRuntime) =>
  createHttpHandler(rt, auditEndpoints.listAuditEvents, { query: auditListQuery }, async ({ query, actor }) => {
    const tenantId = actor.auth.tenantId;
    const cursor = query.cursor === undefined ? undefined : decodeAuditCursor(query.cursor);
    const filters = { ...(query.actor ? { actor: query.actor } : {}), ...(query.action ? { action: query.action } : {}), ...(query.target ? { target: query.target } : {}) };
    const tableHorizon = rt.clock.now().getTime() - AUDIT_DAYS_IN_TABLE * 86_400_000;
    if (query.from.getTime() >= tableHorizon) {
      if (cursor && !('beforeEventId' in cursor)) throw new ValidationError([{ field: 'query.cursor', message: 'belongs to a listing of the archive' }]);
      const page = await rt.auditEvents.newestFirst(tenantId, { from: query.from, to: query.to, limit: query.limit, ...filters, ...(cursor ? { beforeEventId: cursor.beforeEventId } : {}) });
      return ok({ source: 'table', items: page.items, nextCursor: page.nextBeforeEventId ? encodeAuditCursor({ beforeEventId: page.nextBeforeEventId }) : null });
    }
    if (cursor && !('beforeSeq' in cursor)) throw new ValidationError([{ field: 'query.cursor', message: 'belongs to a listing of the table' }]);
    const beforeSeq = cursor?.beforeSeq;
    const archive = archiveOf(rt);
    const archived: AuditEvent[] = [];
    for await (const event of readArchivedEvents({
      ...archive,
      documents: rt.table.client,
      tableName: rt.table.tableName,
      tenantId,
      from: query.from,
      to: query.to,
      filter: { ...(query.actor ? { actor: query.actor } : {}), ...(query.action ? { action: query.action } : {}), ...(query.target ? { targetId: query.target } : {}) },
    })) {
      if (beforeSeq === undefined || event.seq < beforeSeq) archived.push(event);
    }
    const items = archived.reverse().slice(0, query.limit);
    const more = archived.length > items.length;
    return ok({ source: 'archive', items, nextCursor: more ? encodeAuditCursor({ beforeSeq: items.at(-1)!.seq }) : null });
  });

export const handler = createListAuditEventsHandler(auditRuntime());
