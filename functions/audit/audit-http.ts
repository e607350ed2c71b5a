import { ValidationError } from '@rapport/http';
import { z } from 'zod';
import type { Runtime } from '../shared/runtime';

const DAY_MS = 86_400_000;

const dateTime = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' });

/**
 * A schema for `{ from?, to?, ...fields }` whose output has `from` and `to` as Dates: `to`
 * defaults to now and `from` to `defaultDays` before it, and the range may span `maxDays` at most.
 * Other fields are refused unless listed in `fields`.
 */
export function withPeriod<F extends z.ZodRawShape>(defaultDays: number, maxDays: number, fields: F = {} as F) {
  return z.strictObject({ ...fields, from: dateTime.optional(), to: dateTime.optional() }).transform((input, context) => {
    const period = input as { from?: string; to?: string };
    const end = period.to ? new Date(period.to) : new Date();
    const start = period.from ? new Date(period.from) : new Date(end.getTime() - defaultDays * DAY_MS);
    if (start > end) context.addIssue({ code: 'custom', path: ['from'], message: 'must not be after to' });
    if (end.getTime() - start.getTime() > maxDays * DAY_MS) {
      context.addIssue({ code: 'custom', path: ['from'], message: `must be at most ${maxDays} days before to` });
    }
    return { ...input, from: start, to: end } as Omit<typeof input, 'from' | 'to'> & { from: Date; to: Date };
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
