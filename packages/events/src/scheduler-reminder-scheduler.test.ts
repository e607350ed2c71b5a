import { ConflictException, CreateScheduleCommand, DeleteScheduleCommand, ResourceNotFoundException, SchedulerClient } from '@aws-sdk/client-scheduler';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseReminder, reminderScheduleName } from './reminder-schedule';
import { SchedulerReminderScheduler } from './scheduler-reminder-scheduler';
import { MalformedReminderError } from './errors';

const scheduler = mockClient(SchedulerClient);
const TENANT = '01JDTENANT0000000000000000';
const TASK = '01JDTASK000000000000000000';
const reminder = { tenantId: TENANT, taskId: TASK, dueAt: '2026-12-01T10:15:30.250Z' };
const adapter = () =>
  new SchedulerReminderScheduler({
    client: new SchedulerClient({ region: 'eu-west-1' }),
    groupName: 'rapport-prod-reminders',
    targetArn: 'arn:aws:lambda:eu-west-1:123456789012:function:fire-reminder',
    roleArn: 'arn:aws:iam::123456789012:role/reminder-invoker',
  });

describe('SchedulerReminderScheduler', () => {
  beforeEach(() => scheduler.reset());

  it('creates a one-time schedule at the due time, in UTC, deleted after it fires', async () => {
    // Prepare
    scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn:schedule' });

    // Act
    await adapter().arm(reminder);

    // Assess
    const [call] = scheduler.commandCalls(CreateScheduleCommand);
    expect(call!.args[0].input).toEqual({
      Name: reminderScheduleName(reminder),
      GroupName: 'rapport-prod-reminders',
      ScheduleExpression: 'at(2026-12-01T10:15:30)',
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      Target: {
        Arn: 'arn:aws:lambda:eu-west-1:123456789012:function:fire-reminder',
        RoleArn: 'arn:aws:iam::123456789012:role/reminder-invoker',
        Input: JSON.stringify(reminder),
        RetryPolicy: { MaximumRetryAttempts: 5, MaximumEventAgeInSeconds: 3600 },
      },
    });
    expect(parseReminder(JSON.parse(call!.args[0].input.Target!.Input!))).toEqual(reminder);
  });

  it('names a schedule per tenant, task and due time, within the 64 characters Scheduler allows', () => {
    const name = reminderScheduleName(reminder);
    expect(name.length).toBeLessThanOrEqual(64);
    expect(name).toMatch(/^[0-9a-zA-Z-_.]+$/);
    expect(reminderScheduleName({ ...reminder, dueAt: '2026-12-01T10:15:30.251Z' })).not.toBe(name);
  });

  it('treats an existing schedule of the same name as armed', async () => {
    scheduler.on(CreateScheduleCommand).rejects(new ConflictException({ message: 'exists', Message: 'exists', $metadata: {} }));
    await expect(adapter().arm(reminder)).resolves.toBeUndefined();
  });

  it('deletes the schedule, and a schedule already gone is no error', async () => {
    // Prepare
    scheduler.on(DeleteScheduleCommand).rejectsOnce(new ResourceNotFoundException({ message: 'gone', Message: 'gone', $metadata: {} })).resolves({});

    // Act
    await adapter().disarm(reminder);
    await adapter().disarm(reminder);

    // Assess
    expect(scheduler.commandCalls(DeleteScheduleCommand).map((call) => call.args[0].input)).toEqual([
      { Name: reminderScheduleName(reminder), GroupName: 'rapport-prod-reminders' },
      { Name: reminderScheduleName(reminder), GroupName: 'rapport-prod-reminders' },
    ]);
  });

  it('passes other failures on', async () => {
    scheduler.on(CreateScheduleCommand).rejects(new Error('throttled'));
    await expect(adapter().arm(reminder)).rejects.toThrow('throttled');
  });

  it('refuses an event that is not a reminder', () => {
    expect(() => parseReminder({ tenantId: TENANT })).toThrow(MalformedReminderError);
  });
});
