import { describe, expect, it } from 'vitest';
import { FIRE_REMINDER_HANDLER, REMINDER_SCHEDULE_ACTIONS } from '../../infra/lib/tasks/task-reminders';
import { apiFunctionId, apiFunctionStack, handlersWith, type SharedSynth } from './app-queries';
import { actionsOf, asList, functionGrants, logicalIdOf, refersTo, resourcesOf, type PolicyStatement } from './template-queries';

/** Task reminders: the schedule group, the fire function, the role Scheduler assumes, and who may schedule. */
export function describeTaskReminders(synth: SharedSynth): void {
  const template = () => synth().templates.api;
  const ids = () => {
    const { reminders } = synth().stacks.api;
    return { fire: logicalIdOf(reminders.fireFunction.function), invoker: logicalIdOf(reminders.invokerRole), group: logicalIdOf(reminders.group) };
  };
  const grantsOf = (logicalId: string, stack = 'api') =>
    functionGrants(synth().allTemplates).find((fn) => fn.stack === stack && fn.logicalId === logicalId)!.statements;
  const isScheduling = (statement: PolicyStatement) => asList(statement.Action).some((action) => action.startsWith('scheduler:'));
  const isPassRole = (statement: PolicyStatement) => asList(statement.Action).includes('iam:PassRole');

  describe('task reminders', () => {
    it('has a schedule group of the stage and a fire function for the fire-reminder handler', () => {
      expect(resourcesOf(template(), 'AWS::Scheduler::ScheduleGroup')[ids().group]?.Properties).toMatchObject({ Name: 'rapport-dev-task-reminders' });
      const fire = resourcesOf(template(), 'AWS::Lambda::Function')[ids().fire]!.Properties!;
      expect(fire).toMatchObject({ Runtime: 'nodejs24.x', Handler: 'index.handler', Timeout: 30, TracingConfig: { Mode: 'Active' } });
      // It fires, it never schedules: no reminder variables, no scheduler actions.
      expect(Object.keys(fire.Environment.Variables)).not.toContain('REMINDER_SCHEDULE_GROUP');
      expect(grantsOf(ids().fire).filter(isScheduling)).toEqual([]);
      expect(FIRE_REMINDER_HANDLER).toBe('tasks/fire-reminder');
    });

    it('lets only Scheduler of this account assume the invoker role, which may invoke the fire function and nothing else', () => {
      const role = resourcesOf(template(), 'AWS::IAM::Role')[ids().invoker]!.Properties!;
      expect(asList<PolicyStatement>(role.AssumeRolePolicyDocument.Statement)).toEqual([
        expect.objectContaining({
          Action: 'sts:AssumeRole',
          Effect: 'Allow',
          Principal: { Service: 'scheduler.amazonaws.com' },
          Condition: { StringEquals: { 'aws:SourceAccount': expect.anything() } },
        }),
      ]);
      const policies = Object.values(resourcesOf(template(), 'AWS::IAM::Policy')).filter(({ Properties }) =>
        asList(Properties?.Roles ?? []).some((ref) => refersTo(ref, ids().invoker)),
      );
      const statements = policies.flatMap(({ Properties }) => asList<PolicyStatement>(Properties!.PolicyDocument.Statement));
      expect(actionsOf(statements)).toEqual(['lambda:InvokeFunction']);
      for (const statement of statements) for (const resource of asList(statement.Resource)) expect(refersTo(resource, ids().fire)).toBe(true);
    });

    it('lets exactly the routes that write tasks create and delete schedules of the group, and pass the invoker role to Scheduler only', () => {
      const scheduling = handlersWith((route) => route.access.reminders === true);
      expect([...scheduling].sort()).toEqual(['tasks/complete-task', 'tasks/create-task', 'tasks/delete-task', 'tasks/update-task']);
      for (const handler of synth().stacks.api.routes.functions.keys()) {
        const statements = grantsOf(apiFunctionId(synth(), handler), apiFunctionStack(handler));
        const schedule = statements.filter(isScheduling);
        const passRole = statements.filter(isPassRole);
        if (!scheduling.has(handler)) {
          expect(schedule, handler).toEqual([]);
          expect(passRole, handler).toEqual([]);
          continue;
        }
        expect(actionsOf(schedule).sort(), handler).toEqual([...REMINDER_SCHEDULE_ACTIONS].sort());
        for (const statement of schedule) expect(JSON.stringify(statement.Resource), handler).toContain(':schedule/rapport-dev-task-reminders/*');
        expect(passRole, handler).toHaveLength(1);
        expect(passRole[0]!.Condition, handler).toEqual({ StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } });
        expect(JSON.stringify(passRole[0]!.Resource), handler).not.toContain('"*"');
      }
    });

    it('tells the task routes where to schedule: the group, the fire function and the invoker role', () => {
      const fn = resourcesOf(synth().handlerTemplates[apiFunctionStack('tasks/create-task')]!, 'AWS::Lambda::Function')[apiFunctionId(synth(), 'tasks/create-task')]!;
      const variables = fn.Properties!.Environment.Variables;
      expect(variables.REMINDER_SCHEDULE_GROUP).toBe('rapport-dev-task-reminders');
      expect(variables.REMINDER_TARGET_ARN).toBeDefined();
      expect(variables.REMINDER_ROLE_ARN).toBeDefined();
    });
  });
}
