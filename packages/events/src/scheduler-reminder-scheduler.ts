import { ConflictException, CreateScheduleCommand, DeleteScheduleCommand, ResourceNotFoundException, type SchedulerClient } from '@aws-sdk/client-scheduler';
import type { ReminderScheduler, TaskReminder } from '@rapport/domain';
import { reminderScheduleName } from './reminder-schedule';

export interface SchedulerReminderSchedulerOptions {
  client: SchedulerClient;
  /** The stage's schedule group. */
  groupName: string;
  /** The fire-reminder function. */
  targetArn: string;
  /** The role Scheduler assumes to invoke it. */
  roleArn: string;
}

/**
 * Reminders as EventBridge Scheduler one-time schedules (`at(...)`, UTC), one per task and due
 * time, deleted by Scheduler once they have fired. Arming an existing schedule is a no-op: the
 * name holds the due time, so a schedule of that name already says the same thing.
 */
export class SchedulerReminderScheduler implements ReminderScheduler {
  readonly #options: SchedulerReminderSchedulerOptions;

  constructor(options: SchedulerReminderSchedulerOptions) {
    this.#options = options;
  }

  async arm(reminder: TaskReminder): Promise<void> {
    try {
      await this.#options.client.send(
        new CreateScheduleCommand({
          Name: reminderScheduleName(reminder),
          GroupName: this.#options.groupName,
          // at() takes whole seconds; the handler matches the exact due time, so firing up to a second early is fine.
          ScheduleExpression: `at(${reminder.dueAt.slice(0, 19)})`,
          ScheduleExpressionTimezone: 'UTC',
          FlexibleTimeWindow: { Mode: 'OFF' },
          ActionAfterCompletion: 'DELETE',
          Target: {
            Arn: this.#options.targetArn,
            RoleArn: this.#options.roleArn,
            Input: JSON.stringify(reminder),
            RetryPolicy: { MaximumRetryAttempts: 5, MaximumEventAgeInSeconds: 3600 },
          },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConflictException)) throw error;
    }
  }

  async disarm(reminder: TaskReminder): Promise<void> {
    try {
      await this.#options.client.send(new DeleteScheduleCommand({ Name: reminderScheduleName(reminder), GroupName: this.#options.groupName }));
    } catch (error) {
      // Fired (and deleted by Scheduler) or never created: nothing left to remove.
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
  }
}
