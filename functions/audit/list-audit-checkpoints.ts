import { createAuditProofs } from '@rapport/audit';
import { auditCheckpointsQuery, createHttpHandler, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { archiveOf, decodeAuditCursor, encodeAuditCursor } from './audit-http';

/** The tenant's signed checkpoints created in a period, newest first; the cursor holds the tree size to continue below. */
export const createListAuditCheckpointsHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'listAuditCheckpoints', { query: auditCheckpointsQuery }, async ({ query, actor }) => {
    const archive = archiveOf(rt);
    const proofs = createAuditProofs({ s3: archive.s3, bucket: archive.bucket, documents: rt.table.client, tableName: rt.table.tableName });
    const beforeSize = query.cursor === undefined ? undefined : decodeAuditCursor(query.cursor);
    const page = await proofs.checkpoints(actor.auth.tenantId, { from: query.from, to: query.to, limit: query.limit, ...(beforeSize === undefined ? {} : { beforeSize }) });
    return ok({ items: page.items, nextCursor: page.nextBeforeSize === null ? null : encodeAuditCursor(page.nextBeforeSize) });
  });

export const handler = createListAuditCheckpointsHandler(runtime());
