import { describe, expect, it } from 'vitest';
import { INSIGHTS_MAX_RECEIVES, INSIGHTS_SCHEDULE, INSIGHTS_SCHEDULER_HANDLER, INSIGHTS_WORKER_HANDLER } from '../../infra/lib/insights/insights-pipeline';
import { apiFunctionId, apiFunctionStack, handlersWith, type SharedSynth } from './app-queries';
import { actionsOf, functionGrants, logicalIdOf, refersTo, resourcesOf, statementsOn } from './template-queries';

/** The daily schedule, the queue of insights runs and its dead letters, the worker and scheduler, and who may queue a run. */
export function describeInsights(synth: SharedSynth): void {
  const template = () => synth().templates.api;
  const ids = () => {
    const { insights } = synth().stacks.api;
    return {
      queue: logicalIdOf(insights.queue),
      deadLetters: logicalIdOf(insights.deadLetters),
      worker: logicalIdOf(insights.worker!.function),
      scheduler: logicalIdOf(insights.scheduler!.function),
      fieldKey: logicalIdOf(synth().stacks.data.fieldKey.key),
    };
  };
  const grantsOf = (logicalId: string, stack = 'api') =>
    functionGrants(synth().allTemplates).find((fn) => fn.stack === stack && fn.logicalId === logicalId)!.statements;

  describe('insights', () => {
    it('invokes the scheduler function every day, through EventBridge Scheduler', () => {
      const schedules = Object.values(resourcesOf(template(), 'AWS::Scheduler::Schedule'));
      expect(schedules).toHaveLength(1);
      const schedule = schedules[0]!.Properties!;
      expect(schedule.ScheduleExpression).toBe(INSIGHTS_SCHEDULE);
      expect(schedule.State).toBe('ENABLED');
      expect(refersTo(schedule.Target.Arn, ids().scheduler)).toBe(true);
      expect(INSIGHTS_SCHEDULER_HANDLER).toBe('insights/schedule-insights');
    });

    it('queues runs encrypted, with a dead-letter queue after five deliveries and an alarm on it', () => {
      const queues = resourcesOf(template(), 'AWS::SQS::Queue');
      const queue = queues[ids().queue]!.Properties!;
      expect(queue.SqsManagedSseEnabled).toBe(true);
      expect(queue.RedrivePolicy).toEqual({ deadLetterTargetArn: { 'Fn::GetAtt': [ids().deadLetters, 'Arn'] }, maxReceiveCount: INSIGHTS_MAX_RECEIVES });
      expect(queues[ids().deadLetters]!.Properties!.SqsManagedSseEnabled).toBe(true);
      template().hasResourceProperties('AWS::CloudWatch::Alarm', {
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [ids().deadLetters, 'QueueName'] } }],
        Threshold: 1,
      });
    });

    it('runs the worker on the queue one message at a time, reporting failures, within the visibility timeout', () => {
      template().hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        EventSourceArn: { 'Fn::GetAtt': [ids().queue, 'Arn'] },
        FunctionName: { Ref: ids().worker },
        BatchSize: 1,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      });
      const worker = resourcesOf(template(), 'AWS::Lambda::Function')[ids().worker]!.Properties!;
      const queue = resourcesOf(template(), 'AWS::SQS::Queue')[ids().queue]!.Properties!;
      expect(queue.VisibilityTimeout).toBeGreaterThanOrEqual(worker.Timeout * 6);
      expect(worker.Environment.Variables).toEqual(expect.objectContaining({ INSIGHTS_QUEUE_URL: { Ref: ids().queue } }));
      expect(INSIGHTS_WORKER_HANDLER).toBe('insights/process-insights-chunk');
    });

    it('lets the worker and the scheduler queue runs, neither decrypt fields, and only the recompute route queue one', () => {
      for (const fn of [ids().worker, ids().scheduler]) {
        const statements = grantsOf(fn);
        expect(actionsOf(statementsOn(statements, ids().queue))).toContain('sqs:SendMessage');
        // The table's own key is needed to read the table at all; the field key would open personal data.
        expect(statementsOn(statements, ids().fieldKey)).toEqual([]);
      }
      expect(actionsOf(statementsOn(grantsOf(ids().scheduler), ids().queue))).not.toContain('sqs:ReceiveMessage');

      const queueing = handlersWith((route) => route.access.insights === true);
      expect([...queueing]).toEqual(['insights/recompute-insights']);
      for (const handler of synth().stacks.api.routes.functions.keys()) {
        const onQueue = actionsOf(statementsOn(grantsOf(apiFunctionId(synth(), handler), apiFunctionStack(handler)), ids().queue));
        expect(onQueue.includes('sqs:SendMessage'), handler).toBe(queueing.has(handler));
        expect(onQueue, handler).not.toContain('sqs:ReceiveMessage');
      }
    });
  });
}
