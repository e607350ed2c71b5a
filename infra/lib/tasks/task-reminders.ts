import { Duration, Stack, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { CfnScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import { Construct, type IConstruct } from 'constructs';
import { HandlerFunction } from '../api/handler-function';
import { grantTableAccess } from '../data/table-access';

/** The handler under `functions/` that a task's schedule invokes at its due time. */
export const FIRE_REMINDER_HANDLER = 'tasks/fire-reminder';

/** What an API route with `access.reminders` may do with the stage's schedules, and nothing else. */
export const REMINDER_SCHEDULE_ACTIONS = ['scheduler:CreateSchedule', 'scheduler:UpdateSchedule', 'scheduler:DeleteSchedule'] as const;

export interface TaskRemindersProps {
  stage: string;
  table: ITable;
  /** The API functions' variables; the fire function gets them too, without the reminder ones (it never schedules). */
  environment: Record<string, string>;
}

/**
 * Task reminders: the stage's EventBridge Scheduler group, which holds one one-time schedule per
 * task and due time (created and deleted by the API functions that write tasks), the function the
 * schedules invoke, and the role Scheduler assumes to invoke it (that function only).
 */
export class TaskReminders extends Construct {
  readonly group: CfnScheduleGroup;
  readonly fireFunction: HandlerFunction;
  readonly invokerRole: Role;
  readonly #groupName: string;

  constructor(scope: Construct, id: string, props: TaskRemindersProps) {
    super(scope, id);
    this.#groupName = `rapport-${props.stage}-task-reminders`;
    this.group = new CfnScheduleGroup(this, 'Group', { name: this.#groupName });

    this.fireFunction = new HandlerFunction(this, 'Fire', { handler: FIRE_REMINDER_HANDLER, environment: props.environment, timeout: Duration.seconds(30) });
    // Re-reads the task and, if it is still due, marks the reminder fired with its audit event (one transaction).
    grantTableAccess(this.fireFunction, props.table, 'readWrite');

    this.invokerRole = new Role(this, 'InvokerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: 'EventBridge Scheduler invokes the task reminder function, and nothing else',
    });
    // The unqualified function only (schedules target no version or alias), so no `:*` resource.
    this.invokerRole.addToPolicy(new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [this.fireFunction.function.functionArn] }));
  }

  /** The variables the API functions read to schedule reminders. */
  get environment(): Record<string, string> {
    return {
      REMINDER_SCHEDULE_GROUP: this.#groupName,
      REMINDER_TARGET_ARN: this.fireFunction.function.functionArn,
      REMINDER_ROLE_ARN: this.invokerRole.roleArn,
    };
  }

  /** Schedule actions on this group's schedules only, and passing the invoker role (to Scheduler only). */
  grantScheduling(grantee: IGrantable & IConstruct): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: [...REMINDER_SCHEDULE_ACTIONS],
        resources: [Stack.of(this).formatArn({ service: 'scheduler', resource: 'schedule', resourceName: `${this.#groupName}/*` })],
      }),
    );
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['iam:PassRole'],
        resources: [this.invokerRole.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
      }),
    );
    Validations.of(grantee).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:scheduler:<AWS::Region>:<AWS::AccountId>:schedule/${this.#groupName}/*]`,
      reason:
        'Reminder schedules are created at request time, one per task and due time, so their names are not known in advance; ' +
        "the schedule actions are granted on this stage's schedule group only, the narrowest resource Scheduler allows.",
    });
  }
}
