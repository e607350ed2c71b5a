import { CHECKPOINTS_ROOT, DIGESTS_ROOT, EVENTS_ROOT } from '@rapport/audit';
import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Construct } from 'constructs';
import { HandlerFunction } from '../api/handler-function';
import { grantTableItems } from '../data/table-access';
import type { AuditArchive } from './archive-bucket';
import type { DigestSigningKey } from './signing-key';

/** The handler under `functions/` that signs digests of the archive. */
export const DIGEST_WRITER_HANDLER = 'audit/write-digests';

/** How often a digest is written; a digest covers every object archived since the previous one. */
export const DIGEST_INTERVAL = Duration.minutes(15);

export interface DigestWriterProps {
  table: ITable;
  archive: AuditArchive;
  signingKey: DigestSigningKey;
}

/**
 * Every `DIGEST_INTERVAL`, signs a digest of the objects archived since the previous digest (found
 * through the sparse gsi2 listing of undigested objects) and writes it under `digests/`.
 */
export class DigestWriter extends Construct {
  readonly handler: HandlerFunction;

  constructor(scope: Construct, id: string, props: DigestWriterProps) {
    super(scope, id);
    const { table, archive, signingKey } = props;

    this.handler = new HandlerFunction(this, 'Handler', {
      handler: DIGEST_WRITER_HANDLER,
      environment: {
        TABLE_NAME: table.tableName,
        AUDIT_BUCKET: archive.bucket.bucketName,
        AUDIT_SIGNING_KEY_ID: signingKey.key.keyArn,
      },
      timeout: Duration.minutes(5),
    });
    // A failed run is not retried: the next scheduled run covers whatever it left undigested, and a retry
    // could otherwise overlap that run.
    this.handler.function.configureAsyncInvoke({ retryAttempts: 0 });

    new Rule(this, 'Schedule', {
      description: 'Signs a digest of the audit archive; each digest covers every object archived since the previous one.',
      schedule: Schedule.rate(DIGEST_INTERVAL),
      targets: [new LambdaFunction(this.handler.function, { retryAttempts: 0 })],
    });

    // Finds undigested objects on gsi2, reads the DIGESTED marker, and in one transaction puts the moved
    // marker and takes each covered object off gsi2. For each tenant's Merkle tree it queries the object
    // records after the tree's head, reads those objects' events (checked against the recorded SHA-256),
    // batch-reads and batch-writes tiles and leaf records, and moves the tree's head with its checkpoint.
    grantTableItems(this.handler, table, {
      actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query', 'dynamodb:BatchGetItem', 'dynamodb:BatchWriteItem'],
      indexActions: { actions: ['dynamodb:Query'], indexes: ['gsi2'] },
      writes: true,
    });
    archive.grantSoleWriter(this.handler.role, DIGESTS_ROOT);
    archive.grantSoleWriter(this.handler.role, CHECKPOINTS_ROOT);
    archive.grantReadObjects(this.handler.role, [EVENTS_ROOT]);
    // Lists a tenant's digests to end a digest where an interrupted run's left one ends.
    archive.grantList(this.handler.role, [DIGESTS_ROOT]);
    signingKey.grantSign(this.handler);

    new Alarm(this, 'ErrorsAlarm', {
      alarmDescription: 'Writing an audit digest failed twice in a row; archived objects are going unsigned.',
      metric: this.handler.function.metricErrors({ period: DIGEST_INTERVAL }),
      threshold: 1,
      evaluationPeriods: 2,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }
}
