import { Duration, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct, type IConstruct } from 'constructs';
import { Role, ServicePrincipal, type IGrantable } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { arnAsSeenBy } from '../nag-references';
import { workerQueue } from '../shared/worker-queue';
import { HandlerFunction } from '../api/handler-function';
import { grantTableAccess } from '../data/table-access';

/** The handler under `functions/` that does one chunk of a tenant's insights run per message. */
export const INSIGHTS_WORKER_HANDLER = 'insights/process-insights-chunk';
/** The handler the daily schedule invokes: one run per tenant onto the queue. */
export const INSIGHTS_SCHEDULER_HANDLER = 'insights/schedule-insights';
/** A chunk (200 contacts, one Query each) takes seconds; the rank phase reads every score once: minutes at most. */
export const INSIGHTS_WORKER_TIMEOUT = Duration.minutes(5);
/** Deliveries of a chunk before it goes to the dead-letter queue (each resumes from the run's checkpoint). */
export const INSIGHTS_MAX_RECEIVES = 5;
/** Every day at 02:00 UTC, when few people use the CRM. */
export const INSIGHTS_SCHEDULE = 'cron(0 2 * * ? *)';

/**
 * Scores and recommendations, recomputed on a schedule and on demand: the daily EventBridge
 * Scheduler schedule invokes the scheduler function, which queues one run per tenant; the worker
 * takes one chunk per message and queues the next, so no tenant's run meets the Lambda timeout.
 * `POST /v1/insights/recompute` queues a run onto the same queue.
 */
export class InsightsPipeline extends Construct {
  readonly queue: Queue;
  readonly deadLetters: Queue;
  worker?: HandlerFunction;
  scheduler?: HandlerFunction;
  schedule?: Schedule;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    ({ queue: this.queue, deadLetters: this.deadLetters } = workerQueue(this, {
      id: 'Runs',
      name: 'insights',
      workerTimeout: INSIGHTS_WORKER_TIMEOUT,
      maxReceives: INSIGHTS_MAX_RECEIVES,
      alarmDescription: "An insights chunk failed every retry: the tenant's run is taken as lost after an hour and the next request or schedule starts over.",
    }));
  }

  get environment(): Record<string, string> {
    return { INSIGHTS_QUEUE_URL: this.queue.queueUrl };
  }

  /** The worker on the queue (batch size 1), and the scheduler function with its daily schedule. */
  addFunctions(props: { environment: Record<string, string>; table: ITable }): void {
    const worker = new HandlerFunction(this, 'Worker', { handler: INSIGHTS_WORKER_HANDLER, environment: props.environment, timeout: INSIGHTS_WORKER_TIMEOUT });
    worker.function.addEventSource(new SqsEventSource(this.queue, { batchSize: 1, reportBatchItemFailures: true }));
    // Reads partitions and listings, writes scores, rules, the run item and its audit event; no field key: it reads nothing encrypted.
    grantTableAccess(worker, props.table, 'readWrite');
    this.queue.grantSendMessages(worker);
    this.worker = worker;

    const scheduler = new HandlerFunction(this, 'Scheduler', { handler: INSIGHTS_SCHEDULER_HANDLER, environment: props.environment, timeout: Duration.minutes(5) });
    // Reads the tenant listing, writes each tenant's run item.
    grantTableAccess(scheduler, props.table, 'readWrite');
    this.queue.grantSendMessages(scheduler);
    this.scheduler = scheduler;
    // The schedule's own role, so its one finding is acknowledged where it is, not on a shared singleton.
    const scheduleRole = new Role(this, 'ScheduleRole', { assumedBy: new ServicePrincipal('scheduler.amazonaws.com') });
    Validations.of(scheduleRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${arnAsSeenBy(scheduler.function.node.defaultChild as CfnFunction, scheduleRole)}>:*]`,
      reason: 'lambda:InvokeFunction on the scheduler function and its versions (ARN:*), as the Scheduler target grants it: one function, nothing else.',
    });
    this.schedule = new Schedule(this, 'Daily', {
      schedule: ScheduleExpression.expression(INSIGHTS_SCHEDULE),
      target: new LambdaInvoke(scheduler.function, { retryAttempts: 2, role: scheduleRole }),
      description: "Recompute every tenant's customer scores and recommendations",
    });
  }

  /** What an API route with `access.insights` may do: queue a run. */
  grantRouteAccess(grantee: IGrantable & IConstruct): void {
    this.queue.grantSendMessages(grantee);
  }
}
