import { describe, expect, it } from 'vitest';
import { EXPORT_RETENTION_DAYS } from '../../infra/lib/api/contact-exports';
import type { SharedSynth } from './app-queries';
import { asList, logicalIdOf, refersTo, resourcesOf, type PolicyStatement } from './template-queries';

/** The exports bucket of the api stack: where contact exports wait a day for their download. */
export function describeContactExports(synth: SharedSynth): void {
  const resources = (type: string) => resourcesOf(synth().templates.api, type);
  const ids = () => {
    const { exports } = synth().stacks.api;
    return { bucket: logicalIdOf(exports.bucket), key: logicalIdOf(exports.key), accessLogs: logicalIdOf(exports.accessLogs) };
  };

  describe('api stack: the contact exports bucket', () => {
    it('encrypts with its own rotating customer-managed key and a bucket key', () => {
      // Act
      const bucket = resources('AWS::S3::Bucket')[ids().bucket];
      const key = resources('AWS::KMS::Key')[ids().key];

      // Assess
      expect(bucket?.Properties?.BucketEncryption).toEqual({
        ServerSideEncryptionConfiguration: [
          { BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [ids().key, 'Arn'] } } },
        ],
      });
      expect(key?.Properties?.EnableKeyRotation).toBe(true);
    });

    it('deletes every export a day after it was written, and abandoned uploads too', () => {
      // Act
      const rules = resources('AWS::S3::Bucket')[ids().bucket]?.Properties?.LifecycleConfiguration?.Rules;

      // Assess
      expect(EXPORT_RETENTION_DAYS).toBe(1);
      expect(rules).toEqual([{ ExpirationInDays: 1, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 }, Status: 'Enabled' }]);
    });

    it('is TLS-only, never public, and logs who downloaded what to a separate bucket', () => {
      // Prepare
      const bucket = resources('AWS::S3::Bucket')[ids().bucket];
      const policy = Object.values(resources('AWS::S3::BucketPolicy')).find(({ Properties }) => refersTo(Properties?.Bucket, ids().bucket));

      // Act
      const statements = asList<PolicyStatement>(policy?.Properties?.PolicyDocument.Statement ?? []);

      // Assess
      expect(statements.some(({ Effect, Condition }) => Effect === 'Deny' && Condition?.Bool?.['aws:SecureTransport'] === 'false')).toBe(true);
      expect(bucket?.Properties?.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
      expect(bucket?.Properties?.LoggingConfiguration?.DestinationBucketName).toEqual({ Ref: ids().accessLogs });
    });

    it('is named to every function, which may use it only if its route declares contactExports', () => {
      for (const [logicalId, fn] of Object.entries(resources('AWS::Lambda::Function'))) {
        expect(fn.Properties?.Environment?.Variables?.EXPORTS_BUCKET, logicalId).toEqual({ Ref: ids().bucket });
      }
    });
  });
}
