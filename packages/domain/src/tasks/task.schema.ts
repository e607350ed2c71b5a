import * as z from 'zod';
import { instant, text } from '../shared/text';
import { ULID_PATTERN } from '../shared/ids';
import { TASK_STATUSES, TASK_TYPES } from './task';

const idOf = (what: string) => z.string().regex(ULID_PATTERN, `must be ${what} id`);

/** An instant with its offset (`2026-03-01T09:30:00+01:00` or `…Z`); stored in UTC. */
export const dueAtSchema = instant('must be an ISO 8601 date and time with an offset, such as 2026-03-01T09:30:00+01:00');

const taskFields = {
  title: text(200),
  type: z.enum(TASK_TYPES, { message: `must be one of ${TASK_TYPES.join(', ')}` }),
  dueAt: dueAtSchema,
  assigneeId: idOf('a user'),
  contactId: idOf('a contact'),
  /** An opaque reference to a deal; not checked against deals. */
  dealId: text(64),
  notes: text(5000),
};

/** A new task. Unknown fields are refused, so typos do not vanish silently. */
export const taskCreateSchema = z.strictObject({
  title: taskFields.title,
  type: taskFields.type,
  dueAt: taskFields.dueAt,
  /** Defaults to the caller. */
  assigneeId: taskFields.assigneeId.optional(),
  contactId: taskFields.contactId.optional(),
  dealId: taskFields.dealId.optional(),
  notes: taskFields.notes.optional(),
});
export type TaskCreateInput = z.infer<typeof taskCreateSchema>;

/** A partial update: a field set to `null` is cleared; title, type, due time and assignee cannot be. */
export const taskPatchSchema = z
  .strictObject({
    title: taskFields.title.optional(),
    type: taskFields.type.optional(),
    dueAt: taskFields.dueAt.optional(),
    assigneeId: taskFields.assigneeId.optional(),
    contactId: taskFields.contactId.nullable().optional(),
    dealId: taskFields.dealId.nullable().optional(),
    notes: taskFields.notes.nullable().optional(),
    /** The version the change was made against; a stale one is refused with 409. */
    version: z.int().min(1).optional(),
  })
  .refine((patch) => Object.keys(patch).some((key) => key !== 'version'), { message: 'must change at least one field' });
export type TaskPatchInput = z.infer<typeof taskPatchSchema>;

export const TASK_DUE_FILTERS = ['today', 'overdue'] as const;
export type TaskDueFilter = (typeof TASK_DUE_FILTERS)[number];

/** `GET /v1/tasks`: filters and `?limit=&cursor=`. */
export const taskListQuerySchema = z
  .strictObject({
    limit: z.coerce.number().int('must be a whole number').min(1).max(100).default(25),
    cursor: z.string().max(300).optional(),
    status: z.enum(TASK_STATUSES, { message: 'must be open or done' }).default('open'),
    assigneeId: taskFields.assigneeId.optional(),
    contactId: taskFields.contactId.optional(),
    due: z.enum(TASK_DUE_FILTERS, { message: 'must be today or overdue' }).optional(),
    /** The caller's time zone (IANA), which says when "today" starts and ends. */
    tz: z
      .string()
      .max(64)
      .refine(isTimeZone, { message: 'must be an IANA time zone such as Europe/Berlin' })
      // What isTimeZone lets through, for the document: UTC or an Area/Location name.
      .meta({ pattern: '^(UTC|[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)+)$', description: 'An IANA time zone such as Europe/Berlin' })
      .default('UTC'),
  })
  .refine((query) => !(query.due === 'overdue' && query.status === 'done'), { message: 'overdue tasks are open: drop status=done', path: ['due'] });
export type TaskListQuery = z.infer<typeof taskListQuerySchema>;

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return value.includes('/') || value === 'UTC';
  } catch {
    return false;
  }
}
