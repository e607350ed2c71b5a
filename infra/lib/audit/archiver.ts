import { AUDIT_STREAM_FILTER, EVENTS_ROOT } from '@rapport/audit';
import { Duration, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { HandlerFunction } from '../api/handler-function';
import { grantTableItems, grantTableKeyUse } from '../data/table-access';
import type { AuditArchive } from './archive-bucket';

/** The handler under `functions/` that writes audit events from the table stream to the archive. */
export const ARCHIVER_HANDLER = 'audit/archive-stream';

/** An event must be in the archive within a minute of its write: half of that is the most a batch may wait to fill. */
export const ARCHIVE_BATCHING_WINDOW = Duration.seconds(30);

export interface AuditArchiverProps {
  table: ITable;
  archive: AuditArchive;
}

/**
 * Copies every audit event from the table's stream into the archive, in order: one shard at a time
 * (a tenant's events share a partition, so the stream delivers them in sequence order), reporting
 * the first failed record so the batch resumes from it rather than skipping or repeating the chain.
 * A batch still failing after ten retries lands on an encrypted queue (its stream position, not its
 * content) and raises an alarm: the stream keeps records only 24 hours.
 */
export class AuditArchiver extends Construct {
  readonly handler: HandlerFunction;
  readonly failedBatches: Queue;

  constructor(scope: Construct, id: string, props: AuditArchiverProps) {
    super(scope, id);
    const { table, archive } = props;
    const streamArn = table.tableStreamArn;
    if (!streamArn) throw new Error('The audit archiver needs the table stream');

    this.handler = new HandlerFunction(this, 'Handler', {
      handler: ARCHIVER_HANDLER,
      environment: { TABLE_NAME: table.tableName, AUDIT_BUCKET: archive.bucket.bucketName },
      timeout: Duration.seconds(30),
    });

    this.failedBatches = new Queue(this, 'FailedBatches', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // The longest SQS keeps a message: which stream positions never reached the archive stays on record
      // well after the stream itself (24 hours) has dropped them.
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.failedBatches).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the dead-letter destination: the on-failure destination of the audit stream mapping. ' +
        'It receives only the stream position of batches that failed every retry, and an alarm fires on its first message.',
    });

    this.handler.function.addEventSourceMapping('AuditStream', {
      eventSourceArn: streamArn,
      startingPosition: StartingPosition.TRIM_HORIZON,
      batchSize: 100,
      maxBatchingWindow: ARCHIVE_BATCHING_WINDOW,
      // A failed batch is retried from the first record the handler reports as failed, never halved:
      // halving would let later events of a chain be archived before earlier ones.
      bisectBatchOnError: false,
      reportBatchItemFailures: true,
      retryAttempts: 10,
      onFailure: new SqsDlq(this.failedBatches),
      // Only new audit events reach the archiver: Lambda drops every other stream record (contacts, tenants,
      // the chain's own bookkeeping, TTL deletions) before invoking it. The same pattern drives the local poller.
      filters: [FilterCriteria.filter(AUDIT_STREAM_FILTER)],
    });

    this.grantStreamRead(table, streamArn);
    // Reads the ARCHIVED marker, and puts an object's record and the moved marker in one conditional transaction.
    grantTableItems(this.handler, table, { actions: ['dynamodb:GetItem', 'dynamodb:PutItem'], writes: true });
    archive.grantSoleWriter(this.handler.role, EVENTS_ROOT);
    // A retry after an interrupted run lists and reads back the object it may have left, to record it rather than write a duplicate.
    archive.grantList(this.handler.role, [EVENTS_ROOT]);
    archive.grantReadObjects(this.handler.role, [EVENTS_ROOT]);

    new Alarm(this, 'FailedBatchesAlarm', {
      alarmDescription: 'Audit events failed to reach the archive after every retry; replay the batch within 24 hours, before the stream drops it.',
      metric: this.failedBatches.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    new Alarm(this, 'IteratorAgeAlarm', {
      alarmDescription: 'Audit events are taking more than a minute to reach the archive.',
      metric: this.handler.function.metric('IteratorAge', { statistic: 'Maximum', period: Duration.minutes(1) }),
      threshold: 60_000,
      evaluationPeriods: 3,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }

  /**
   * What the event source mapping reads this table's stream with, and the table key the stream is
   * encrypted with. No `ListStreams`: it finds a table's streams, which a mapping given the stream ARN
   * never does (aws-cdk-lib's own grant omitted it for years, and TableV2's grants it on the stream ARN,
   * where it cannot apply), and the action takes no resource but "*".
   */
  private grantStreamRead(table: ITable, streamArn: string): void {
    this.handler.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'], resources: [streamArn] }),
    );
    grantTableKeyUse(this.handler, table, 'read');
  }
}
