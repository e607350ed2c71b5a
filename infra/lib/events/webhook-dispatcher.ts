import { EVENT_SOURCE } from '@rapport/events';
import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, type IEventBus } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { HandlerFunction } from '../api/handler-function';
import type { FieldKey } from '../data/field-key';
import { grantTableItems } from '../data/table-access';
import { FailureQueue } from './failure-queue';

export const DISPATCHER_HANDLER = 'events/dispatch-webhooks';
export const RETRY_HANDLER = 'events/retry-webhooks';

/** One attempt may take 5 s; a retry batch of up to five runs them one after another. */
const RETRY_BATCH_SIZE = 5;
const RETRY_FUNCTION_TIMEOUT = Duration.seconds(60);

export interface WebhookDispatcherProps {
  table: ITable;
  fieldKey: FieldKey;
  bus: IEventBus;
}

/**
 * Delivers domain events to the tenants' webhooks. A rule on the bus (every event with source
 * `rapport`) invokes the dispatcher for each event's first attempts. A failed attempt goes to the
 * retry queue with a delay (SQS rather than EventBridge Scheduler: see `SqsRetryScheduler`), whose
 * consumer makes the next attempt or sends the message back to wait out a delay longer than the
 * 15 minutes SQS allows. Our own failures (not the receiver's) end on dead-letter queues with
 * alarms: events the dispatcher could not handle after EventBridge's retries, and retry messages
 * that failed five receives.
 */
export class WebhookDispatcher extends Construct {
  readonly dispatcher: HandlerFunction;
  readonly retrier: HandlerFunction;
  readonly retries: Queue;
  readonly failedEvents: FailureQueue;
  readonly failedRetries: FailureQueue;
  readonly rule: Rule;

  constructor(scope: Construct, id: string, props: WebhookDispatcherProps) {
    super(scope, id);

    this.failedRetries = new FailureQueue(this, 'FailedRetries', {
      holds: 'webhook retries (event id, type and record id, never personal data) that failed five receives',
      alarmDescription: 'Webhook retries failed on our side five times; look at the retry function logs, then redrive the queue.',
    });
    this.retries = new Queue(this, 'Retries', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // AWS's advice for a Lambda consumer: six times the function timeout, so a slow batch is not received twice.
      visibilityTimeout: Duration.seconds(RETRY_FUNCTION_TIMEOUT.toSeconds() * 6),
      // Longer than the longest wait (6 hours, walked in 15-minute hops).
      retentionPeriod: Duration.days(1),
      deadLetterQueue: { queue: this.failedRetries.queue, maxReceiveCount: 5 },
    });
    this.failedEvents = new FailureQueue(this, 'FailedEvents', {
      holds: 'domain events (ids and field names only) the dispatcher failed on after every EventBridge retry',
      alarmDescription: 'Domain events could not be dispatched to webhooks; look at the dispatcher logs, then replay them from the queue.',
    });

    const environment = { TABLE_NAME: props.table.tableName, FIELD_KEY_ID: props.fieldKey.key.keyArn, WEBHOOK_RETRY_QUEUE_URL: this.retries.queueUrl };
    this.dispatcher = new HandlerFunction(this, 'Dispatcher', { handler: DISPATCHER_HANDLER, environment, timeout: Duration.seconds(30) });
    this.retrier = new HandlerFunction(this, 'Retrier', { handler: RETRY_HANDLER, environment, timeout: RETRY_FUNCTION_TIMEOUT });

    for (const fn of [this.dispatcher, this.retrier]) {
      // Reads the tenant's webhooks (by id, and listed on gsi1) and data keys, and writes the delivery log.
      grantTableItems(fn, props.table, {
        actions: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem'],
        indexActions: { actions: ['dynamodb:Query'], indexes: ['gsi1'] },
        writes: true,
      });
      // Unwraps the tenant's data key to decrypt a webhook's signing secret; never creates or rotates one.
      props.fieldKey.grantUnwrap(fn);
      this.retries.grantSendMessages(fn);
    }

    this.rule = new Rule(this, 'DispatchRule', {
      eventBus: props.bus,
      description: 'Every Rapport domain event to the webhook dispatcher',
      eventPattern: { source: [EVENT_SOURCE] },
      targets: [
        new LambdaFunction(this.dispatcher.function, {
          deadLetterQueue: this.failedEvents.queue,
          retryAttempts: 4,
          maxEventAge: Duration.hours(2),
        }),
      ],
    });

    this.retrier.function.addEventSource(
      new SqsEventSource(this.retries, { batchSize: RETRY_BATCH_SIZE, reportBatchItemFailures: true, maxConcurrency: 10 }),
    );
  }
}
