import { MAX_INSTANT_LENGTH, ULID_PATTERN } from '@rapport/domain';
import * as z from 'zod';
import { okWith, type RouteContract } from '../contract';
import { endpointsOf } from '../../endpoint';
import { auditRoutes } from '../../routes/audit';

const DAY_MS = 86_400_000;

const dateTime = z.iso
  .datetime({ offset: true, message: 'must be an ISO 8601 date-time' })
  .max(MAX_INSTANT_LENGTH, `must be at most ${MAX_INSTANT_LENGTH} characters`);

/**
 * A schema for `{ from?, to?, ...fields }` whose output has `from` and `to` as Dates: `to`
 * defaults to now and `from` to `defaultDays` before it, and the range may span `maxDays` at most.
 * Other fields are refused unless listed in `fields`.
 */
export function withPeriod<F extends z.ZodRawShape>(defaultDays: number, maxDays: number, fields: F = {} as F) {
  return z.strictObject({ ...fields, from: dateTime.optional(), to: dateTime.optional() }).transform((input, context) => {
    const period = input as { from?: string; to?: string };
    const end = period.to ? new Date(period.to) : new Date();
    // Event ids (ULIDs), and the keys a period is read by, start in 1970: the default stops there.
    const start = period.from ? new Date(period.from) : new Date(Math.max(0, end.getTime() - defaultDays * DAY_MS));
    for (const [field, value] of [['from', start], ['to', end]] as const) {
      if (value.getTime() < 0) context.addIssue({ code: 'custom', path: [field], message: 'must not be before 1970' });
    }
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

/** `GET /v1/audit/events/{id}/proof`. */
export const auditEventIdParams = z.object({ id: z.string().regex(ULID_PATTERN, 'must be an audit event id') });

/** `GET /v1/audit/checkpoints`: a period of at most a year (31 days by default), newest first, in pages. */
export const auditCheckpointsQuery = withPeriod(31, 366, {
  limit: z.coerce.number().int('must be a whole number').min(1).max(200).default(50),
  cursor: z.string().max(100).optional(),
});

const treeSize = z.coerce.number().int('must be a whole number').min(1, 'must be a tree size of 1 or more').max(Number.MAX_SAFE_INTEGER);

/** `GET /v1/audit/checkpoints/consistency`: two checkpoints, by tree size. */
export const auditConsistencyQuery = z.strictObject({ from: treeSize, to: treeSize }).refine((query) => query.from <= query.to, {
  path: ['from'],
  message: 'must not be larger than to',
});

const hex32 = z.string().regex(/^[0-9a-f]{64}$/);

export const signedCheckpointSchema = z
  .object({
    version: z.literal(1),
    tenantId: z.string(),
    treeSize: z.int().min(1).describe('Events seq 1 to treeSize are in the tree; leaf i is event seq i + 1'),
    rootHash: hex32.describe('RFC 9162 Merkle tree hash (SHA-256), hex'),
    createdAt: z.iso.datetime(),
    previousCheckpoint: z.object({ key: z.string(), sha256: hex32 }).nullable(),
    signature: z.object({
      algorithm: z.string().describe('ECDSA_SHA_256: ECDSA P-256 over SHA-256, DER-encoded'),
      keyId: z.string(),
      value: z.string().describe('Base64, over the canonical JSON (RFC 8785) of every other field'),
    }),
  })
  .meta({ id: 'SignedCheckpoint' });

const checkpointEntrySchema = z.object({ key: z.string().describe('Its key in the archive'), sha256: hex32, checkpoint: signedCheckpointSchema });

export const auditEventSchema = z
  .object({
    tenantId: z.string(),
    seq: z.int().min(1).optional().describe('Absent until the integrator has sequenced the event (seconds, normally)'),
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
    prevHash: z.string().optional(),
    hash: z.string().optional(),
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
        checked: z.object({ events: z.int(), objects: z.int(), digests: z.int(), checkpoints: z.int() }),
        pendingObjects: z.int(),
        pendingEvents: z.int(),
        supersededObjects: z.int(),
        problems: z.array(z.object({ kind: z.string(), event: z.int().optional(), eventId: z.string().optional(), object: z.string().optional(), detail: z.string() })),
      }),
      'What was checked, and every problem found',
    ),
  },
  getAuditEventProof: {
    tag: 'audit',
    request: { params: auditEventIdParams },
    responses: okWith(
      z.object({
        event: auditEventSchema.describe('The event as archived'),
        seq: z.int().min(1),
        leafIndex: z.int().min(0),
        leafHash: hex32.describe("SHA-256(0x00 || the 32 bytes of the event's hash), hex"),
        treeSize: z.int().min(1),
        inclusionPath: z.array(hex32).describe('RFC 9162 audit path, leaf side first'),
        checkpoint: signedCheckpointSchema,
        checkpointKey: z.string(),
        publicKeyPem: z.string().describe('The signing key (SPKI PEM) that verifies the checkpoint'),
      }),
      'An inclusion proof of the event against the latest signed checkpoint; see docs/audit-proofs.md to check it offline',
    ),
    errors: { 409: 'The event exists but no signed checkpoint covers it yet (AUDIT_EVENT_PENDING): ask again after the next checkpoint' },
  },
  listAuditCheckpoints: {
    tag: 'audit',
    request: { query: auditCheckpointsQuery },
    responses: okWith(z.object({ items: z.array(checkpointEntrySchema), nextCursor: z.string().nullable() }), 'Signed checkpoints created in the period, newest first'),
  },
  getAuditConsistencyProof: {
    tag: 'audit',
    request: { query: auditConsistencyQuery },
    responses: okWith(
      z.object({ from: checkpointEntrySchema, to: checkpointEntrySchema, proof: z.array(hex32).describe('RFC 9162 consistency proof, empty when from equals to') }),
      'That the later checkpoint\'s tree extends the earlier one\'s',
    ),
    errors: { 404: 'There is no checkpoint at one of the two tree sizes' },
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
