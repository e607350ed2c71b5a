import { ValidationError } from '@rapport/http';
import type { AuditRuntime } from '../shared/runtime/audit';

/** The archive, or a clear refusal where this deployment has none configured. */
export function archiveOf(rt: AuditRuntime) {
  if (!rt.auditArchive) throw new Error('The audit archive is not configured (AUDIT_BUCKET)');
  return rt.auditArchive;
}

/** Audit cursors carry the sequence number to continue before. */
export function encodeAuditCursor(beforeSeq: number): string {
  return Buffer.from(`a1:${beforeSeq}`).toString('base64url');
}

export function decodeAuditCursor(cursor: string): number {
  const match = /^a1:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new ValidationError([{ field: 'query.cursor', message: 'is not a cursor returned by this API' }]);
  return Number(match[1]);
}
