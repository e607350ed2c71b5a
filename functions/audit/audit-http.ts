import { ValidationError } from '@rapport/http';
import type { AuditRuntime } from '../shared/runtime/audit';

/** The archive, or a clear refusal where this deployment has none configured. */
export function archiveOf(rt: AuditRuntime) {
  if (!rt.auditArchive) throw new Error('The audit archive is not configured (AUDIT_BUCKET)');
  return rt.auditArchive;
}

/**
 * Audit cursors say where the previous page stopped: before an event id in the table (where events
 * are keyed by id), or before a sequence number in the archive (where every event has one).
 */
export type AuditCursor = { beforeEventId: string } | { beforeSeq: number };

export function encodeAuditCursor(cursor: AuditCursor): string {
  const text = 'beforeEventId' in cursor ? `a2:${cursor.beforeEventId}` : `a1:${cursor.beforeSeq}`;
  return Buffer.from(text).toString('base64url');
}

export function decodeAuditCursor(cursor: string): AuditCursor {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const bySeq = /^a1:(\d{1,15})$/.exec(text);
  if (bySeq) return { beforeSeq: Number(bySeq[1]) };
  const byId = /^a2:([0-9A-HJKMNP-TV-Z]{26})$/.exec(text);
  if (byId) return { beforeEventId: byId[1]! };
  throw new ValidationError([{ field: 'query.cursor', message: 'is not a cursor returned by this API' }]);
}
