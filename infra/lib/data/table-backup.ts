import { Duration, RemovalPolicy, Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import { BackupPlan, BackupPlanRule, BackupResource, BackupVault } from 'aws-cdk-lib/aws-backup';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Schedule } from 'aws-cdk-lib/aws-events';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

export interface TableBackupProps {
  stage: string;
  table: ITable;
  /** Days each daily backup is kept: the same period as point-in-time recovery (see `BACKUP_RETENTION_DAYS`). */
  retentionDays: number;
}

/**
 * A daily AWS Backup of the table into a vault of its own, encrypted with its own key: copies held
 * apart from the table, so what reaches the table and its point-in-time recovery (turning it off
 * drops every continuous backup at once) does not reach them. Kept exactly as long as point-in-time recovery
 * and never moved to cold storage (which would force 90 days), so an offboarded tenant's
 * crypto-shredded data keys are gone from every copy by the date its receipt states.
 */
export class TableBackup extends Construct {
  readonly vault: BackupVault;
  readonly vaultKey: Key;
  readonly plan: BackupPlan;
  /** The role AWS Backup takes the backups with. */
  readonly role: Role;

  constructor(scope: Construct, id: string, props: TableBackupProps) {
    super(scope, id);
    this.vaultKey = new Key(this, 'VaultKey', {
      description: `Rapport ${props.stage}: encryption of the table's backups in their vault`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.vault = new BackupVault(this, 'Vault', {
      backupVaultName: `rapport-${props.stage}-table`,
      encryptionKey: this.vaultKey,
      // The backups outlive the stack, like the table: a `cdk destroy` must not take them along.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.plan = new BackupPlan(this, 'Plan', {
      backupPlanName: `rapport-${props.stage}-table-daily`,
      backupVault: this.vault,
      backupPlanRules: [
        new BackupPlanRule({
          ruleName: 'Daily',
          // 03:00 UTC, after the 02:00 insights run has written the day's scores.
          scheduleExpression: Schedule.cron({ minute: '0', hour: '3' }),
          startWindow: Duration.hours(1),
          completionWindow: Duration.hours(4),
          deleteAfter: Duration.days(props.retentionDays),
        }),
      ],
    });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('backup.amazonaws.com'),
      description: `Rapport ${props.stage}: AWS Backup's daily backup of the table`,
    });
    this.#allowBackupsOf(props.table);
    this.plan.addSelection('Table', { resources: [BackupResource.fromDynamoDbTable(props.table)], role: this.role, disableDefaultBackupPolicy: true });
  }

  /**
   * What AWS Backup does to back a DynamoDB table up and expire its backups (the table's part of
   * AWSBackupServiceRolePolicyForBackup), on this table only: no AWS managed policy, which would
   * reach every table and every other service's resources.
   */
  #allowBackupsOf(table: ITable): void {
    const tableKey = table.encryptionKey;
    if (!tableKey) throw new Error('The table is expected to be encrypted with a customer-managed key');
    const backups = `${table.tableArn}/backup/*`;
    this.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['dynamodb:DescribeTable', 'dynamodb:CreateBackup', 'dynamodb:StartAwsBackupJob', 'dynamodb:ListTagsOfResource'], resources: [table.tableArn] }),
    );
    this.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['dynamodb:DescribeBackup', 'dynamodb:DeleteBackup'], resources: [backups] }));
    // The table's key to read it, the vault's to encrypt its copy; grants only for AWS resources.
    const keys = [tableKey.keyArn, this.vaultKey.keyArn];
    this.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['kms:DescribeKey', 'kms:Decrypt', 'kms:GenerateDataKeyWithoutPlaintext'], resources: keys }));
    this.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['kms:CreateGrant'], resources: keys, conditions: { Bool: { 'kms:GrantIsForAWSResource': 'true' } } }),
    );
    const tableId = Stack.of(table).getLogicalId(table.node.defaultChild as CfnElement);
    Validations.of(this.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${tableId}.Arn>/backup/*]`,
      reason: "The table's own backups, whose names DynamoDB makes up as it takes them; no other table's.",
    });
  }
}
