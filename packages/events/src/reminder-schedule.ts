import type { TaskReminder } from '@rapport/domain';
import * as z from 'zod';
import { MalformedReminderError } from './errors';

/**
 * The name of a reminder's schedule: unique per tenant, task and due time (to the millisecond),
 * so a changed due time is a new schedule and the old one can be removed without a race. At most
 * 61 characters (Scheduler allows 64): two ULIDs and the due time in base 36.
 */
export function reminderScheduleName(reminder: TaskReminder): string {
  return `${reminder.tenantId}-${reminder.taskId}-${Date.parse(reminder.dueAt).toString(36)}`;
}

const reminderSchema = z.strictObject({ tenantId: z.string().min(1), taskId: z.string().min(1), dueAt: z.iso.datetime() });

/** The reminder a schedule delivers to the fire-reminder function (its target input). */
export function parseReminder(input: unknown): TaskReminder {
  const parsed = reminderSchema.safeParse(input);
  if (!parsed.success) throw new MalformedReminderError();
  return parsed.data;
}
