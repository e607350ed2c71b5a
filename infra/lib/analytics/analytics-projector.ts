import { ANALYTICS_STREAM_FILTERS } from '@rapport/events';
import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Construct } from 'constructs';
import { HandlerFunction } from '../api/handler-function';
import { grantTableKeyUse } from '../data/table-access';
import { FailureQueue } from '../events/failure-queue';

/** The handler under `functions/` that keeps the analytics aggregates current from the table stream. */
export const ANALYTICS_PROJECTOR_HANDLER = 'analytics/project-stream';

/** As the local stack polls (packages/local/src/analytics-pipeline.ts). */
export const ANALYTICS_BATCH_SIZE = 100;
/** Dashboards may lag a few seconds; waiting for fuller batches saves invocations on the third reader of the stream. */
export const ANALYTICS_BATCHING_WINDOW = Duration.seconds(5);

/**
 * The partitions the projector writes (keys.ts): the tenant's analytics cells and its state, and
 * the shards of its contact completeness totals with their delivery markers.
 */
export const ANALYTICS_PROJECTOR_PARTITIONS = ['TENANT#*#ANALYTICS*', 'TENANT#*#STATS*'];

export interface AnalyticsProjectorProps {
  table: ITable;
}

/**
 * The table stream's third consumer, beside the audit archiver and the outbound publisher, each
 * with its own event source mapping (AWS advises at most two readers per shard: a fourth should
 * fan out through the events bus or Kinesis instead). Filtered to contacts, orders, feedback,
 * deals and tickets; records are applied in order and the first failure is reported, so a batch
 * resumes from it; no bisecting, which would apply later records of an item before earlier ones
 * (and would start a redelivery mid-batch, where the completeness totals' delivery markers, keyed
 * by a batch's first record, could not recognise it). The same consumer moves the workspace
 * completeness totals by each batch's contact changes, rather than a fourth reader of the stream.
 * A batch failing every retry leaves its stream position on an alarmed dead-letter queue.
 * It writes only the analytics and completeness partitions, and reads those and the tenant item.
 */
export class AnalyticsProjector extends Construct {
  readonly handler: HandlerFunction;
  readonly failedBatches: FailureQueue;

  constructor(scope: Construct, id: string, props: AnalyticsProjectorProps) {
    super(scope, id);
    const streamArn = props.table.tableStreamArn;
    if (!streamArn) throw new Error('The analytics projector needs the table stream');

    this.handler = new HandlerFunction(this, 'Handler', {
      handler: ANALYTICS_PROJECTOR_HANDLER,
      environment: { TABLE_NAME: props.table.tableName },
      timeout: Duration.seconds(60),
    });
    this.failedBatches = new FailureQueue(this, 'FailedBatches', {
      holds: 'the stream position of batches of analytics changes that failed every retry',
      alarmDescription: 'Changes failed to reach the analytics aggregates after every retry; replay the batch within 24 hours, before the stream drops it.',
    });

    this.handler.function.addEventSourceMapping('AnalyticsStream', {
      eventSourceArn: streamArn,
      startingPosition: StartingPosition.LATEST,
      batchSize: ANALYTICS_BATCH_SIZE,
      maxBatchingWindow: ANALYTICS_BATCHING_WINDOW,
      bisectBatchOnError: false,
      reportBatchItemFailures: true,
      retryAttempts: 10,
      onFailure: new SqsDlq(this.failedBatches.queue),
      filters: ANALYTICS_STREAM_FILTERS.map((pattern) => FilterCriteria.filter(pattern)),
    });

    this.handler.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'], resources: [streamArn] }),
    );
    // Reads: its own state and the tenant item (is the tenant still there?); never a Query or Scan of the records.
    this.handler.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['dynamodb:GetItem'], resources: [props.table.tableArn] }));
    // Writes (a transaction's Put and Update items) only in the analytics and completeness partitions.
    this.handler.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem'],
        resources: [props.table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ANALYTICS_PROJECTOR_PARTITIONS } },
      }),
    );
    grantTableKeyUse(this.handler, props.table, 'readWrite');

    new Alarm(this, 'IteratorAgeAlarm', {
      alarmDescription: 'The analytics are more than five minutes behind the table.',
      metric: this.handler.function.metric('IteratorAge', { statistic: 'Maximum', period: Duration.minutes(1) }),
      threshold: 300_000,
      evaluationPeriods: 3,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }
}
