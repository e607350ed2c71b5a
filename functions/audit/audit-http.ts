import { ValidationError } from '@rapport/http';
import { z } from 'zod';
import type { Runtime } from '../shared/runtime';

const DAY_MS = 86_400_000;

/**
 * A time range of at most `maxDays`, `to` defaulting to now and `from` to `defaultDays` before it.
 * `strict` refuses other fields (for a body; a query combines this with its own strict schema).
 */
export function periodSchema(defaultDays: number, maxDays: number, { strict = false } = {}) {
  return (strict ? z.strictObject : z.object)({
      from: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' }).optional(),
      to: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' }).optional(),
    })
    .transform(({ from, to }, context) => {
      const end = to ? new Date(to) : new Date();
      const start = from ? new Date(from) : new Date(end.getTime() - defaultDays * DAY_MS);
      if (start > end) context.addIssue({ code: 'custom', path: ['from'], message: 'must not be after to' });
      if (end.getTime() - start.getTime() > maxDays * DAY_MS) {
        context.addIssue({ code: 'custom', path: ['from'], message: `must be at most ${maxDays} days before to` });
      }
      return { from: start, to: end };
    });
}

/** The archive, or a clear refusal where this deployment has none configured. */
export function archiveOf(rt: Runtime) {
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
