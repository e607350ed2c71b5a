import { BACKUP_RETENTION_DAYS, TABLE_SCHEMA } from '@rapport/data';
import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table, TableEncryption, type GlobalSecondaryIndexProps } from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { FieldKey } from './data/field-key';
import { TableBackup } from './data/table-backup';

export interface DataStackProps extends StackProps {
  stage: string;
}

/**
 * The data layer: the one single-table-design DynamoDB table, built from `TABLE_SCHEMA` (the same
 * declaration the local stack and the tests use), the customer-managed key it is encrypted with, and
 * the field key that wraps each tenant's data keys for personal fields. All outlive the stack: a
 * `cdk destroy` must never take the customers' data with it.
 *
 * The table has two kinds of backup, both kept `BACKUP_RETENTION_DAYS`: point-in-time recovery, and
 * a daily AWS Backup into a vault of its own ({@link TableBackup}). An offboarded tenant's
 * crypto-shredded data keys are gone from every restorable copy that many days later, the date the
 * offboarding receipt states; so no backup may be kept longer (the infra tests fail if one is).
 * Restoring one workspace from either: `docs/operations.md`.
 *
 * `Table`, not `TableV2`: TableV2 renders a global table whose replica SSE settings need a concrete
 * region, and the stacks stay environment-agnostic so synthesis needs no account, region or network.
 */
export class DataStack extends Stack {
  readonly table: Table;
  readonly tableKey: Key;
  readonly fieldKey: FieldKey;
  readonly backup: TableBackup;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);

    this.tableKey = new Key(this, 'TableKey', {
      description: `Rapport ${props.stage}: encryption at rest of the single table`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.table = new Table(this, 'Table', {
      partitionKey: { name: TABLE_SCHEMA.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_SCHEMA.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.tableKey,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: BACKUP_RETENTION_DAYS },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      // Both images, so the audit-log stream into S3 can record what changed, not only that it did.
      stream: StreamViewType.NEW_AND_OLD_IMAGES,
      timeToLiveAttribute: TABLE_SCHEMA.timeToLiveAttribute,
    });
    for (const index of TABLE_SCHEMA.globalSecondaryIndexes) this.table.addGlobalSecondaryIndex(toIndexProps(index));

    this.fieldKey = new FieldKey(this, 'FieldKey', { stage: props.stage });
    this.backup = new TableBackup(this, 'Backup', { stage: props.stage, table: this.table, retentionDays: BACKUP_RETENTION_DAYS });

    new CfnOutput(this, 'TableName', { value: this.table.tableName, description: 'The single DynamoDB table' });
  }
}

type IndexSchema = (typeof TABLE_SCHEMA.globalSecondaryIndexes)[number];

function toIndexProps(index: IndexSchema): GlobalSecondaryIndexProps {
  const keys = {
    indexName: index.indexName,
    partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
    sortKey: { name: index.sortKey, type: AttributeType.STRING },
  };
  switch (index.projection.type) {
    case 'ALL':
      return { ...keys, projectionType: ProjectionType.ALL };
    case 'KEYS_ONLY':
      return { ...keys, projectionType: ProjectionType.KEYS_ONLY };
    default: {
      const unmapped: never = index.projection;
      throw new Error(`Unmapped projection ${JSON.stringify(unmapped)}`);
    }
  }
}
