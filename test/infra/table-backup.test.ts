import { BACKUP_RETENTION_DAYS } from '@rapport/data';
import { afterAll, describe, expect, it } from 'vitest';
import { synthesizeApp } from './synth-app';
import { logicalIdOf, resourcesOf } from './template-queries';

/** The backups do not depend on the handlers' code; skipping asset bundling keeps this file fast. */
const app = synthesizeApp({ 'aws:cdk:bundling-stacks': [] });
afterAll(() => app.cleanUp());

describe('data stack: the table backups', () => {
  const data = () => app.templates.data;

  it('keeps point-in-time recovery on the table for BACKUP_RETENTION_DAYS', () => {
    const [table] = Object.values(resourcesOf(data(), 'AWS::DynamoDB::Table'));

    expect(table?.Properties?.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: BACKUP_RETENTION_DAYS });
  });

  it('backs the table up daily into its own retained vault, encrypted with its own rotating, retained key', () => {
    // Prepare
    const { backup, tableKey, fieldKey } = app.stacks.data;
    const vaultKeyId = logicalIdOf(backup.vaultKey);

    // Act
    const vaults = Object.values(resourcesOf(data(), 'AWS::Backup::BackupVault'));
    const key = resourcesOf(data(), 'AWS::KMS::Key')[vaultKeyId];
    const [plan] = Object.values(resourcesOf(data(), 'AWS::Backup::BackupPlan'));

    // Assess
    expect(vaults).toHaveLength(1);
    expect(vaults[0]?.Properties?.EncryptionKeyArn).toEqual({ 'Fn::GetAtt': [vaultKeyId, 'Arn'] });
    expect(vaults[0]?.DeletionPolicy).toBe('Retain');
    expect([logicalIdOf(tableKey), logicalIdOf(fieldKey.key)]).not.toContain(vaultKeyId);
    expect(key?.Properties?.EnableKeyRotation).toBe(true);
    expect(key?.DeletionPolicy).toBe('Retain');
    expect(plan?.Properties?.BackupPlan?.BackupPlanRule).toEqual([
      expect.objectContaining({
        RuleName: 'Daily',
        ScheduleExpression: 'cron(0 3 * * ? *)',
        TargetBackupVault: { 'Fn::GetAtt': [logicalIdOf(backup.vault), 'BackupVaultName'] },
        Lifecycle: { DeleteAfterDays: BACKUP_RETENTION_DAYS },
      }),
    ]);
  });

  it('selects exactly the table', () => {
    const selections = Object.values(resourcesOf(data(), 'AWS::Backup::BackupSelection'));

    expect(selections).toHaveLength(1);
    expect(selections[0]?.Properties?.BackupSelection?.Resources).toEqual([{ 'Fn::GetAtt': [logicalIdOf(app.stacks.data.table), 'Arn'] }]);
    expect(selections[0]?.Properties?.BackupSelection?.IamRoleArn).toEqual({ 'Fn::GetAtt': [logicalIdOf(app.stacks.data.backup.role), 'Arn'] });
  });

  it("lets AWS Backup back up and expire this table's backups only, with no AWS managed policy", () => {
    // Prepare
    const roleId = logicalIdOf(app.stacks.data.backup.role);
    const tableArn = { 'Fn::GetAtt': [logicalIdOf(app.stacks.data.table), 'Arn'] };

    // Act
    const role = resourcesOf(data(), 'AWS::IAM::Role')[roleId];
    const statements = Object.values(resourcesOf(data(), 'AWS::IAM::Policy'))
      .filter((policy) => JSON.stringify(policy.Properties?.Roles) === JSON.stringify([{ Ref: roleId }]))
      .flatMap((policy) => policy.Properties?.PolicyDocument?.Statement ?? []);
    const dynamodb = statements.filter((statement: { Action: string | string[] }) => [statement.Action].flat().some((action) => action.startsWith('dynamodb:')));

    // Assess
    expect(role?.Properties?.ManagedPolicyArns).toBeUndefined();
    expect(role?.Properties?.AssumeRolePolicyDocument?.Statement).toEqual([expect.objectContaining({ Principal: { Service: 'backup.amazonaws.com' } })]);
    expect(dynamodb.map((statement: { Resource: unknown }) => statement.Resource)).toEqual([tableArn, { 'Fn::Join': ['', [tableArn, '/backup/*']] }]);
  });

  it('keeps no backup longer than BACKUP_RETENTION_DAYS, never in cold storage, and none outside the data stack', () => {
    // An offboarding receipt promises that no copy can be decrypted this many days after it.
    const plans = Object.entries(app.allTemplates).flatMap(([name, template]) =>
      Object.values(resourcesOf(template, 'AWS::Backup::BackupPlan')).map((plan) => ({ name, plan })),
    );
    const rules = plans.flatMap(({ plan }) => plan.Properties?.BackupPlan?.BackupPlanRule ?? []);

    expect(plans.map(({ name }) => name)).toEqual(['data']);
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      expect(rule.Lifecycle).toEqual({ DeleteAfterDays: BACKUP_RETENTION_DAYS });
      expect(rule.CopyActions).toBeUndefined();
    }
  });
});
