import * as z from 'zod';
import { okWith, type RouteContract } from '../contract';
import { endpointsOf } from '../../endpoint';
import { auditRoutes } from '../../routes/audit';

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

/** `GET /v1/audit/events`: a period of at most 31 days (7 by default) and filters. */
export const auditListQuery = withPeriod(7, 31, {
  actor: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  target: z.string().max(64).optional(),
  limit: z.coerce.number().int('must be a whole number').min(1).max(200).default(50),
  cursor: z.string().max(100).optional(),
});

/** `POST /v1/audit/verify`: a period of at most a year (a day by default). */
export const auditVerifyBody = withPeriod(1, 366);

/** `GET /v1/audit/export`: a period of at most 31 days (a day by default). */
export const auditExportQuery = withPeriod(1, 31);

export const auditEventSchema = z
  .object({
    tenantId: z.string(),
    seq: z.int().min(1),
    eventId: z.string(),
    time: z.iso.datetime(),
    action: z.string(),
    target: z.object({ type: z.string(), id: z.string() }).nullable(),
    outcome: z.enum(['success', 'denied', 'failure']),
    changedFields: z.array(z.string()).optional(),
    targetIds: z.array(z.string()).optional(),
    details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional().describe('Field names and counts, never personal values'),
    actor: z.object({ userId: z.string().nullable(), role: z.string().nullable() }),
    requestId: z.string(),
    sourceIp: z.string().nullable(),
    userAgent: z.string().nullable(),
    prevHash: z.string(),
    hash: z.string(),
  })
  .meta({ id: 'AuditEvent' });

export const auditContracts = {
  listAuditEvents: {
    tag: 'audit',
    request: { query: auditListQuery },
    responses: okWith(
      z.object({ source: z.enum(['table', 'archive']), items: z.array(auditEventSchema), nextCursor: z.string().nullable() }),
      'Events newest first, from the table or, for older periods, the archive',
    ),
  },
  verifyAudit: {
    tag: 'audit',
    request: { body: auditVerifyBody },
    responses: okWith(
      z.object({
        ok: z.boolean(),
        checked: z.object({ events: z.int(), objects: z.int(), digests: z.int() }),
        pendingObjects: z.int(),
        problems: z.array(z.object({ kind: z.string(), event: z.int().optional(), object: z.string().optional(), detail: z.string() })),
      }),
      'What was checked, and every problem found',
    ),
  },
  exportAudit: {
    tag: 'audit',
    request: { query: auditExportQuery },
    responses: {
      200: { description: 'JSON Lines: a manifest with the signing public key, the archived objects, the digests', contentType: 'application/x-ndjson' },
    },
  },
} satisfies Record<keyof typeof auditRoutes, RouteContract>;

/** The audit routes with their contracts, as the handlers are built from them. */
export const auditEndpoints = /* @__PURE__ */ endpointsOf(auditRoutes, auditContracts);
