import { createAuditProofs } from '@rapport/audit';
import { auditCheckpointsQuery, createHttpHandler, ok, ValidationError, auditEndpoints } from '@rapport/http';
import { auditRuntime, type AuditRuntime } from '../shared/runtime/audit';
import { archiveOf, decodeAuditCursor, encodeAuditCursor } from './audit-http';

/** The tenant's signed checkpoints created in a period, newest first; the cursor holds the tree size to continue below. */
export const createListAuditCheckpointsHandler = (rt: AuditRuntime) =>
  createHttpHandler(rt, auditEndpoints.listAuditCheckpoints, { query: auditCheckpointsQuery }, async ({ query, actor }) => {
    const archive = archiveOf(rt);
    const proofs = createAuditProofs({ s3: archive.s3, bucket: archive.bucket, documents: rt.table.client, tableName: rt.table.tableName });
    const beforeSize = query.cursor === undefined ? undefined : checkpointCursor(query.cursor);
    const page = await proofs.checkpoints(actor.auth.tenantId, { from: query.from, to: query.to, limit: query.limit, ...(beforeSize === undefined ? {} : { beforeSize }) });
    return ok({ items: page.items, nextCursor: page.nextBeforeSize === null ? null : encodeAuditCursor({ beforeSeq: page.nextBeforeSize }) });
  });

/** A checkpoints page continues below a tree size, carried as a sequence-number cursor. */
function checkpointCursor(cursor: string): number {
  const decoded = decodeAuditCursor(cursor);
  if ('beforeSeq' in decoded) return decoded.beforeSeq;
  throw new ValidationError([{ field: 'query.cursor', message: 'is not a checkpoints cursor returned by this API' }]);
}

export const handler = createListAuditCheckpointsHandler(auditRuntime());
