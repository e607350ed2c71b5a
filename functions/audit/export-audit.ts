import { exportAuditEvidence } from '@rapport/audit';
import { auditContextOf } from '@rapport/domain';
import { auditEndpoints, auditExportQuery, createHttpHandler } from '@rapport/http';
import { auditRuntime, type AuditRuntime } from '../shared/runtime/audit';
import { archiveOf } from './audit-http';

/**
 * A period of the audit trail as evidence, in JSON Lines: a manifest with the signing public key,
 * then the archived objects byte for byte and the digests that cover them. A Lambda response is
 * at most 6 MB, so periods are capped at 31 days; larger ones go through Athena over the archive.
 */
export const createExportAuditHandler = (rt: AuditRuntime) =>
  createHttpHandler(rt, auditEndpoints.exportAudit, { query: auditExportQuery }, async ({ query, actor }) => {
    const archive = archiveOf(rt);
    const lines: string[] = [];
    for await (const line of exportAuditEvidence({ ...archive, documents: rt.table.client, tableName: rt.table.tableName, tenantId: actor.auth.tenantId, from: query.from, to: query.to })) {
      lines.push(JSON.stringify(line));
    }
    await rt.auditLog.record(actor.auth.tenantId, {
      context: auditContextOf(actor),
      entry: { action: 'audit.exported', target: null, outcome: 'success', details: { from: query.from.toISOString(), to: query.to.toISOString(), lines: lines.length } },
    });
    const day = query.from.toISOString().slice(0, 10);
    return {
      statusCode: 200,
      rawBody: `${lines.join('\n')}\n`,
      headers: { 'content-type': 'application/x-ndjson; charset=utf-8', 'content-disposition': `attachment; filename="audit-${actor.auth.tenantId}-${day}.jsonl"` },
    };
  });

export const handler = createExportAuditHandler(auditRuntime());
