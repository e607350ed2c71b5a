import { parseReminder } from '@rapport/events';
import type { Context } from 'aws-lambda';
import { tasksRuntime, type TasksRuntime } from '../shared/runtime/tasks';

/**
 * Invoked by a task's one-time schedule (EventBridge Scheduler) at its due time, or locally by its
 * timer: fires the reminder if the task is still open and still due then, once. A stale schedule
 * (task moved, completed, deleted, or the tenant offboarded) finds nothing to fire.
 */
export const createFireReminderHandler = (rt: TasksRuntime) => async (event: unknown, context: Context) => {
  const reminder = parseReminder(event);
  const fired = await rt.taskReminders.fire(reminder, context.awsRequestId);
  rt.logger.info(fired ? 'Task reminder fired' : 'Task reminder not due any more', { taskId: reminder.taskId });
  return { fired };
};

/**
 * Local start: fires the reminders that fell due while the stack was stopped and arms timers for
 * the rest again, from the index of armed reminders.
 */
export const catchUpReminders = (rt: TasksRuntime = tasksRuntime()) => rt.taskReminders.catchUp(`reminder-catch-up-${Date.now()}`);

export const handler = createFireReminderHandler(tasksRuntime());
