import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { BackupPlan, BackupPlanRule, BackupResource, BackupVault } from 'aws-cdk-lib/aws-backup';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Schedule } from 'aws-cdk-lib/aws-events';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

export interface TableBackupProps {
  stage: string;
  table: ITable;
  /** Days each daily backup is kept: the same period as point-in-time recovery (see `BACKUP_RETENTION_DAYS`). */
  retentionDays: number;
}

/**
 * A daily AWS Backup of the table into a vault of its own, encrypted with its own key: a copy that
 * survives a mistake no point-in-time restore can undo (the table deleted with its continuous
 * backups, or a change noticed after the window). Kept exactly as long as point-in-time recovery
 * and never moved to cold storage (which would force 90 days), so an offboarded tenant's
 * crypto-shredded data keys are gone from every copy by the date its receipt states.
 */
export class TableBackup extends Construct {
  readonly vault: BackupVault;
  readonly vaultKey: Key;
  readonly plan: BackupPlan;

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
    const selection = this.plan.addSelection('Table', { resources: [BackupResource.fromDynamoDbTable(props.table)] });
    Validations.of(selection).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
      reason:
        "AWS Backup's own service-role policy (AWSBackupServiceRolePolicyForBackup), the documented way to let Backup " +
        'snapshot a resource; AWS keeps it to exactly what Backup needs, and the role can be assumed by Backup only.',
    });
  }
}
