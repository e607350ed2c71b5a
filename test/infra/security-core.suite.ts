import { BACKUP_RETENTION_DAYS } from '@rapport/data';
import { describe, expect, it } from 'vitest';
import { DEFAULT_APP_URL, DEFAULT_MAIL_FROM_DOMAIN } from '../../infra/lib/rapport-app';
import { apiFunctions, type SharedSynth } from './app-queries';
import { logicalIdOf, resourcesOf } from './template-queries';

/** The field-encryption key, the table's backups, and the mail identity. */
export function describeSecurityKeysAndMail(synth: SharedSynth): void {
  describe('data stack: field key and backups', () => {
    it('has a separate, rotating, retained symmetric key for personal fields, under its alias', () => {
      // Prepare
      const { data } = synth().stacks;
      const fieldKeyId = logicalIdOf(data.fieldKey.key);

      // Act
      const key = resourcesOf(synth().templates.data, 'AWS::KMS::Key')[fieldKeyId];
      const aliases = Object.values(resourcesOf(synth().templates.data, 'AWS::KMS::Alias'));

      // Assess
      expect(fieldKeyId).not.toBe(logicalIdOf(data.tableKey));
      expect(key?.Properties?.EnableKeyRotation).toBe(true);
      expect(key?.Properties?.KeySpec ?? 'SYMMETRIC_DEFAULT').toBe('SYMMETRIC_DEFAULT');
      expect(key?.DeletionPolicy).toBe('Retain');
      expect(aliases.map(({ Properties }) => [Properties?.AliasName, Properties?.TargetKeyId])).toEqual([
        ['alias/rapport-dev-field-keys', { 'Fn::GetAtt': [fieldKeyId, 'Arn'] }],
      ]);
    });

    it('gives every API function the field key ARN', () => {
      for (const [logicalId, fn] of Object.entries(apiFunctions(synth()))) {
        expect(JSON.stringify(fn.Properties?.Environment?.Variables?.FIELD_KEY_ID), logicalId).toContain(logicalIdOf(synth().stacks.data.fieldKey.key));
      }
    });

    it('keeps point-in-time recovery for exactly BACKUP_RETENTION_DAYS (35); the daily backups are in table-backup.test.ts', () => {
      const [table] = Object.values(resourcesOf(synth().templates.data, 'AWS::DynamoDB::Table'));

      expect(BACKUP_RETENTION_DAYS).toBe(35);
      expect(table?.Properties?.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: BACKUP_RETENTION_DAYS });
    });
  });

  describe('identity stack: mail', () => {
    it('has an SES identity for the sender domain (default example.com), signed with DKIM', () => {
      synth().templates.identity.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: DEFAULT_MAIL_FROM_DOMAIN });
      synth().templates.identity.resourceCountIs('AWS::SES::EmailIdentity', 1);
    });

    it('tells every API function whom mail comes from and where the console is', () => {
      for (const [logicalId, fn] of Object.entries(apiFunctions(synth()))) {
        expect(fn.Properties?.Environment?.Variables, logicalId).toMatchObject({
          MAIL_FROM: `no-reply@${DEFAULT_MAIL_FROM_DOMAIN}`,
          APP_URL: DEFAULT_APP_URL,
        });
      }
    });
  });
}
