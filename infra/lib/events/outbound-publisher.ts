import { OUTBOUND_STREAM_FILTER } from '@rapport/events';
import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Construct } from 'constructs';
import { HandlerFunction } from '../api/handler-function';
import { grantTableKeyUse } from '../data/table-access';
import { FailureQueue } from './failure-queue';

/** The handler under `functions/` that publishes domain events from the table stream. */
export const PUBLISHER_HANDLER = 'events/publish-stream';

export interface OutboundPublisherProps {
  table: ITable;
  bus: IEventBus;
}

/**
 * The table stream's second consumer, beside the audit archiver and independent of it: its own
 * event source mapping, filtered to audit events of published actions, putting each as a domain
 * event on the bus. Order does not matter here (EventBridge keeps none), so a failing batch is
 * halved to isolate what fails; a batch failing every retry leaves its stream position on a
 * dead-letter queue. The function reads nothing of the table: the stream carries the audit event.
 */
export class OutboundPublisher extends Construct {
  readonly handler: HandlerFunction;
  readonly failedBatches: FailureQueue;

  constructor(scope: Construct, id: string, props: OutboundPublisherProps) {
    super(scope, id);
    const streamArn = props.table.tableStreamArn;
    if (!streamArn) throw new Error('The outbound-events publisher needs the table stream');

    this.handler = new HandlerFunction(this, 'Handler', {
      handler: PUBLISHER_HANDLER,
      environment: { EVENT_BUS_NAME: props.bus.eventBusName },
      timeout: Duration.seconds(30),
    });
    this.failedBatches = new FailureQueue(this, 'FailedBatches', {
      holds: 'the stream position of batches of domain events that failed every retry',
      alarmDescription: 'Domain events failed to reach the event bus after every retry; replay the batch within 24 hours, before the stream drops it.',
    });

    this.handler.function.addEventSourceMapping('OutboundStream', {
      eventSourceArn: streamArn,
      startingPosition: StartingPosition.LATEST,
      batchSize: 100,
      maxBatchingWindow: Duration.seconds(1),
      bisectBatchOnError: true,
      reportBatchItemFailures: true,
      retryAttempts: 10,
      onFailure: new SqsDlq(this.failedBatches.queue),
      // Logins, refusals, reads in clear and every other item never invoke the publisher.
      filters: [FilterCriteria.filter(OUTBOUND_STREAM_FILTER)],
    });

    // As the audit archiver: the stream's read actions on the stream ARN, and the table key to decrypt records.
    this.handler.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'], resources: [streamArn] }),
    );
    grantTableKeyUse(this.handler, props.table, 'read');
    props.bus.grantPutEventsTo(this.handler.role);
  }
}
