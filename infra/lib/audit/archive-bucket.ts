import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { AnyPrincipal, Effect, PolicyStatement, type IRole } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectLockRetention, ObjectOwnership, type CfnBucket } from 'aws-cdk-lib/aws-s3';
import { Construct, type IConstruct } from 'constructs';

/**
 * How long every archived object is locked, in days: seven years (7 × 365), the longest period the
 * record-keeping rules our customers answer to (tax, financial services, SOC 2 evidence) ask an
 * audit trail to be kept. Object Lock in COMPLIANCE mode: until then nobody, the account's root user
 * included, can delete or overwrite a locked version or shorten its lock. Raising it later is
 * possible for new objects; lowering it never shortens what is already locked.
 */
export const AUDIT_RETENTION_DAYS = 2555;

export interface AuditArchiveProps {
  stage: string;
}

/**
 * The write-once archive of every tenant's audit chain: an Object Lock (COMPLIANCE) bucket, versioned,
 * encrypted with its own customer-managed key (with an S3 bucket key, so one data key serves many
 * objects), TLS-only, never public, its server access logged to a separate bucket. Nothing may delete
 * an object version (the bucket policy denies it to everyone), and each prefix has exactly one writer.
 */
export class AuditArchive extends Construct {
  readonly bucket: Bucket;
  readonly key: Key;
  /** Server access logs of the archive and of the Athena results bucket. */
  readonly accessLogs: Bucket;

  constructor(scope: Construct, id: string, props: AuditArchiveProps) {
    super(scope, id);

    this.key = new Key(this, 'Key', {
      description: `Rapport ${props.stage}: encryption at rest of the audit archive`,
      enableKeyRotation: true,
      // Without it the locked archive would be unreadable for the rest of its retention.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.accessLogs = new Bucket(this, 'AccessLogs', {
      // S3 server access logging can only deliver to a bucket encrypted with S3-managed keys.
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // Who read the archive is evidence as long as the archive is.
      lifecycleRules: [{ expiration: Duration.days(AUDIT_RETENTION_DAYS) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This is the server access log destination of the audit archive and the Athena results bucket; logging its own ' +
        'access would write a log record for every log delivery, in a loop. Reads of it show in CloudTrail.',
    });

    this.bucket = new Bucket(this, 'Bucket', {
      objectLockDefaultRetention: ObjectLockRetention.compliance(Duration.days(AUDIT_RETENTION_DAYS)),
      versioned: true,
      encryption: BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'audit-archive/',
      // No storage-class transitions: archived objects are small (one stream batch of one tenant), below the
      // 128 KiB that Infrequent Access and Glacier bill as a minimum, and Athena reads them in place.
      lifecycleRules: [{ abortIncompleteMultipartUploadAfter: Duration.days(1) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Object Lock stops a locked version from being deleted, but a DELETE without a version id would still
    // hide an object behind a delete marker; nothing has a reason to do either.
    this.bucket.addToResourcePolicy(
      new PolicyStatement({
        sid: 'DenyDeletingAuditObjects',
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: ['s3:DeleteObject', 's3:DeleteObjectVersion'],
        resources: [this.bucket.arnForObjects('*')],
      }),
    );
  }

  /**
   * Makes `role` the only principal that may put objects under `prefix`: the grant on the role, and a
   * bucket-policy deny for every other principal, so not even an administrator's role can add an object
   * to the archived chain or a digest. Encrypting needs only `GenerateDataKey` (S3 does the rest).
   */
  grantSoleWriter(role: IRole, prefix: string): void {
    this.assertSameStack(role);
    role.addToPrincipalPolicy(new PolicyStatement({ actions: ['s3:PutObject'], resources: [this.objectsUnder(prefix)] }));
    role.addToPrincipalPolicy(new PolicyStatement({ actions: ['kms:GenerateDataKey'], resources: [this.key.keyArn] }));
    this.bucket.addToResourcePolicy(
      new PolicyStatement({
        sid: `DenyWritesUnder${prefix.replace(/\W/g, '')}ExceptItsWriter`,
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: ['s3:PutObject'],
        resources: [this.objectsUnder(prefix)],
        conditions: { ArnNotEquals: { 'aws:PrincipalArn': role.roleArn } },
      }),
    );
    this.acknowledgePrefixGrants(role, [prefix]);
  }

  /** Lets a role of this stack list keys under the given prefixes. */
  grantList(role: IRole, prefixes: readonly string[]): void {
    this.assertSameStack(role);
    role.addToPrincipalPolicy(this.listStatement(prefixes));
  }

  /** Lets a role of this stack read objects under the given prefixes, decrypting with the archive key. */
  grantReadObjects(role: IRole, prefixes: readonly string[]): void {
    this.assertSameStack(role);
    for (const statement of this.readStatements(prefixes)) role.addToPrincipalPolicy(statement);
    this.acknowledgePrefixGrants(role, prefixes);
  }

  /** Listing keys (`ListObjectsV2`), only with a `Prefix` inside one of the prefixes. */
  listStatement(prefixes: readonly string[]): PolicyStatement {
    return new PolicyStatement({
      actions: ['s3:ListBucket'],
      resources: [this.bucket.bucketArn],
      conditions: { StringLike: { 's3:prefix': prefixes.map((prefix) => `${prefix}*`) } },
    });
  }

  /** Reading objects under the prefixes: `GetObject` on each, `Decrypt` on the archive key. */
  readStatements(prefixes: readonly string[]): PolicyStatement[] {
    return [
      new PolicyStatement({ actions: ['s3:GetObject'], resources: prefixes.map((prefix) => this.objectsUnder(prefix)) }),
      new PolicyStatement({ actions: ['kms:Decrypt'], resources: [this.key.keyArn] }),
    ];
  }

  /**
   * Records why object grants on `scope` end in `*`: they name a key prefix, the narrowest resource S3
   * object keys allow. The ids are cdk-nag's, which name the bucket by its logical id in this stack.
   */
  acknowledgePrefixGrants(scope: IConstruct, prefixes: readonly string[]): void {
    const bucketId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnBucket);
    for (const prefix of prefixes) {
      Validations.of(scope).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${prefix}*]`,
        reason:
          `Object actions on the audit archive are granted on the key prefix "${prefix}*" (events are keyed by tenant, date ` +
          'and sequence number, digests by time), the narrowest resource S3 object keys allow; no other bucket and no other prefix.',
      });
    }
  }

  private objectsUnder(prefix: string): string {
    return this.bucket.arnForObjects(`${prefix}*`);
  }

  /** Acknowledgements name the bucket by its logical id, which a role in another stack would see as an import. */
  private assertSameStack(role: IRole): void {
    if (Stack.of(role) !== Stack.of(this)) throw new Error(`${role.node.path}: grant archive access to another stack's roles through a managed policy`);
  }
}
