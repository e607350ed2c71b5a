import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { PolicyStatement, type IRole } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, type CfnBucket } from 'aws-cdk-lib/aws-s3';
import { Construct, type IConstruct } from 'constructs';
import { arnAsSeenBy } from '../nag-references';

/** How long an export file is kept: its link lives 15 minutes, the file a day, then S3 deletes it. */
export const EXPORT_RETENTION_DAYS = 1;

/** Object keys start with the tenant (`tenant=<id>/<exportId>/<file>`); grants name this prefix. */
export const EXPORT_KEY_PREFIX = 'tenant=';

/** The S3 actions of an export: write it (multipart included), read it back through the presigned link. */
export const CONTACT_EXPORT_ACTIONS = ['s3:PutObject', 's3:AbortMultipartUpload', 's3:GetObject'] as const;

export interface ContactExportsProps {
  stage: string;
}

/**
 * Where contact exports are written and downloaded from: a bucket encrypted with its own key (the
 * files hold personal data in clear for callers with `pii:read`), TLS only, never public, every
 * object deleted a day after it was written, and its server access (who downloaded what, from
 * where) logged to a separate bucket.
 */
export class ContactExports extends Construct {
  readonly bucket: Bucket;
  readonly key: Key;
  readonly accessLogs: Bucket;

  constructor(scope: Construct, id: string, props: ContactExportsProps) {
    super(scope, id);

    this.key = new Key(this, 'Key', {
      description: `Rapport ${props.stage}: encryption at rest of contact exports`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.accessLogs = new Bucket(this, 'AccessLogs', {
      // S3 server access logging can only deliver to a bucket encrypted with S3-managed keys.
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the server access log destination of the contact exports bucket; logging its own access would log every log delivery, in a loop.',
    });

    this.bucket = new Bucket(this, 'Bucket', {
      encryption: BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'contact-exports/',
      lifecycleRules: [{ expiration: Duration.days(EXPORT_RETENTION_DAYS), abortIncompleteMultipartUploadAfter: Duration.days(1) }],
      // Nothing in it outlives a day anyway; keeping the bucket keeps its access logs meaningful.
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /** What a route with `access.contactExports` may do: write and read back exports, nothing else (no list, no delete). */
  grantWriteAndRead(role: IRole, scope: IConstruct): void {
    role.addToPrincipalPolicy(new PolicyStatement({ actions: [...CONTACT_EXPORT_ACTIONS], resources: [this.bucket.arnForObjects(`${EXPORT_KEY_PREFIX}*`)] }));
    // SSE-KMS: a put needs a data key, a multipart upload and every download need it decrypted.
    this.key.grant(role, 'kms:GenerateDataKey', 'kms:Decrypt');
    Validations.of(scope).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${arnAsSeenBy(this.bucket.node.defaultChild as CfnBucket, scope)}>/${EXPORT_KEY_PREFIX}*]`,
      reason:
        'Export files are keyed by tenant and export id, created at request time; object actions are granted on the tenant= prefix ' +
        'of the exports bucket only, the narrowest resource S3 keys allow, and the handler builds the key from the verified tenant.',
    });
  }
}
