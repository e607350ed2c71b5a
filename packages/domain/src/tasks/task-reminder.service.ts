import type { Clock } from '../shared/clock';
import type { ArmedReminderIndex, ReminderScheduler, TaskRepository } from './ports';
import type { TaskReminder } from './task';

export interface TaskReminderServiceDeps {
  tasksFor(tenantId: string): TaskRepository;
  armed: ArmedReminderIndex;
  reminders: ReminderScheduler;
  clock: Clock;
}

/**
 * Fires the reminders that fall due (`task.reminder_due`, published as the `task.due` event). A
 * reminder fires only if its task is still open and still due at that time, and only once for that
 * due time (the mark and its audit event are one conditional transaction), so a schedule that
 * fires twice, late, or after the task moved, was completed or deleted, does nothing.
 */
export function createTaskReminderService(deps: TaskReminderServiceDeps) {
  async function fire(reminder: TaskReminder, requestId: string): Promise<boolean> {
    const tasks = deps.tasksFor(reminder.tenantId);
    const task = await tasks.get(reminder.taskId);
    if (!task || task.status !== 'open' || task.dueAt !== reminder.dueAt || task.reminderFiredFor === reminder.dueAt) return false;
    return tasks.markReminderFired(task.id, reminder.dueAt, {
      context: { actor: { userId: null, role: null }, requestId, sourceIp: null, userAgent: null },
      entry: {
        action: 'task.reminder_due',
        target: { type: 'task', id: task.id },
        outcome: 'success',
        details: { assigneeId: task.assigneeId, dueAt: task.dueAt },
      },
    });
  }

  return {
    fire,

    /**
     * After a time nothing ran (the local stack stopped): fires what fell due meanwhile and arms
     * the rest again, from the index of armed reminders in due order.
     */
    async catchUp(requestId: string): Promise<{ fired: number; armed: number }> {
      const now = deps.clock.now().toISOString();
      let fired = 0;
      let armed = 0;
      for await (const reminder of deps.armed.all()) {
        if (reminder.dueAt <= now) {
          if (await fire(reminder, requestId)) fired++;
        } else {
          await deps.reminders.arm(reminder);
          armed++;
        }
      }
      return { fired, armed };
    },
  };
}

export type TaskReminderService = ReturnType<typeof createTaskReminderService>;
