import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { createFieldCipher } from '@rapport/crypto';
import { DynamoArmedReminderIndex, DynamoAssigneeDirectory, DynamoContactRepository, DynamoTaskRepository } from '@rapport/data';
import { createTaskReminderService, createTaskService, type Actor, type ReminderScheduler } from '@rapport/domain';
import { SchedulerReminderScheduler, TimerReminderScheduler } from '@rapport/events';
import { createCommonRuntime, oncePerContainer, type CommonRuntime } from './common';
import { createKeyring } from './keyring';

/** Tasks and their reminders: the API's routes and the fire-reminder function. */
export interface TasksRuntime extends CommonRuntime {
  /** Tasks of the caller's workspace, with their reminders. */
  tasksFor(actor: Actor): ReturnType<typeof createTaskService>;
  /** Fires due reminders (the fire-reminder function) and catches up missed ones (local start). */
  taskReminders: ReturnType<typeof createTaskReminderService>;
  /** Where reminders are scheduled: EventBridge Scheduler in AWS, timers in this process locally. */
  reminders: ReminderScheduler;
}

export function createTasksRuntime(environment: NodeJS.ProcessEnv): TasksRuntime {
  const common = createCommonRuntime(environment);
  const { env, table, clock, logger, auditLog } = common;
  const keyring = createKeyring(common);
  // Locally a reminder's timer fires the same code the fire-reminder function runs in AWS.
  const reminders: ReminderScheduler =
    env.REMINDER_SCHEDULE_GROUP && env.REMINDER_TARGET_ARN && env.REMINDER_ROLE_ARN
      ? new SchedulerReminderScheduler({
          client: new SchedulerClient({ region: env.AWS_REGION }),
          groupName: env.REMINDER_SCHEDULE_GROUP,
          targetArn: env.REMINDER_TARGET_ARN,
          roleArn: env.REMINDER_ROLE_ARN,
        })
      : new TimerReminderScheduler({
          fire: (reminder) => taskReminders.fire(reminder, `reminder-${reminder.taskId}`),
          onError: (error) => logger.error('A task reminder failed to fire', { error: error as Error }),
        });
  const taskReminders = createTaskReminderService({
    tasksFor: (tenantId) => new DynamoTaskRepository(table, tenantId),
    armed: new DynamoArmedReminderIndex(table),
    reminders,
    clock,
  });
  return {
    ...common,
    reminders,
    taskReminders,
    tasksFor: (actor) =>
      createTaskService(
        {
          tasks: new DynamoTaskRepository(table, actor.auth.tenantId),
          contacts: new DynamoContactRepository(table, actor.auth.tenantId),
          assignees: new DynamoAssigneeDirectory(table, actor.auth.tenantId),
          reminders,
          cipher: createFieldCipher(keyring, actor.auth.tenantId),
          auditLog,
          clock,
        },
        actor,
      ),
  };
}

export const tasksRuntime = oncePerContainer(createTasksRuntime);
