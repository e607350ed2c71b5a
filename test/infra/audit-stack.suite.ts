import { AUDIT_STREAM_FILTER } from '@rapport/audit';
import { AUDIT_EVENT_ENTITY } from '@rapport/data';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { ARCHIVE_BATCHING_WINDOW } from '../../infra/lib/audit/archiver';
import { AUDIT_RETENTION_DAYS } from '../../infra/lib/audit/archive-bucket';
import { AUDIT_EVENT_COLUMNS, AUDIT_FIRST_DATE } from '../../infra/lib/audit/audit-query';
import type { SharedSynth } from './app-queries';
import {
  actionsOf,
  asList,
  functionGrants,
  logicalIdOf,
  refersTo,
  resourcesOf,
  statementsOn,
  type CfnResource,
  type PolicyStatement,
} from './template-queries';

/** The statements of the bucket policy of a bucket. */
const bucketPolicyOf = (buckets: Record<string, CfnResource>, policies: Record<string, CfnResource>, bucketId: string): PolicyStatement[] => {
  expect(buckets[bucketId], bucketId).toBeDefined();
  const policy = Object.values(policies).find(({ Properties }) => refersTo(Properties?.Bucket, bucketId));
  return asList<PolicyStatement>(policy?.Properties?.PolicyDocument.Statement ?? []);
};

const isTlsOnly = (statements: PolicyStatement[]): boolean =>
  statements.some(
    ({ Effect, Action, Principal, Condition }) =>
      Effect === 'Deny' && asList(Action).includes('s3:*') && JSON.stringify(Principal) === '{"AWS":"*"}' && Condition?.Bool?.['aws:SecureTransport'] === 'false',
  );

const ALL_PUBLIC_ACCESS_BLOCKED = { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true };

/** The audit archive, its writers and Athena over it. */
export function describeAuditStack(synth: SharedSynth): void {
  const template = () => synth().templates.audit;
  const resources = (type: string) => resourcesOf(template(), type);
  const ids = () => {
    const { audit } = synth().stacks;
    return {
      bucket: logicalIdOf(audit.archive.bucket),
      key: logicalIdOf(audit.archive.key),
      accessLogs: logicalIdOf(audit.archive.accessLogs),
      results: logicalIdOf(audit.query.results),
      resultsKey: logicalIdOf(audit.query.resultsKey),
      archiver: logicalIdOf(audit.archiver.handler.function),
      digestWriter: logicalIdOf(audit.digestWriter.handler.function),
      failedBatches: logicalIdOf(audit.archiver.failedBatches),
    };
  };

  /** What a function of the audit stack may do, grouped by what it is allowed on. */
  const grantsOf = (functionId: string) => {
    const grants = functionGrants(synth().templates).find(({ stack, logicalId }) => stack === 'audit' && logicalId === functionId);
    if (!grants) throw new Error(`No grants for ${functionId}`);
    const { audit } = synth().stacks;
    const on = (logicalId: string) => statementsOn(grants.statements, logicalId);
    return {
      dynamodb: [...new Set(actionsOf(grants.statements).filter((action) => action.startsWith('dynamodb:')))].sort(),
      bucket: on(ids().bucket),
      bucketActions: [...new Set(actionsOf(on(ids().bucket)))].sort(),
      archiveKey: [...new Set(actionsOf(on(ids().key)))].sort(),
      signingKey: on(logicalIdOf(audit.signingKey.key)),
      listPrefixes: on(ids().bucket).find(({ Action }) => Action === 's3:ListBucket')?.Condition?.StringLike?.['s3:prefix'],
    };
  };

  describe('audit stack: the archive bucket', () => {
    it('locks every object in COMPLIANCE mode for the retention period, with versioning', () => {
      // Act
      const bucket = resources('AWS::S3::Bucket')[ids().bucket];

      // Assess
      expect(AUDIT_RETENTION_DAYS).toBe(2555);
      expect(bucket?.Properties).toMatchObject({
        ObjectLockEnabled: true,
        ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: AUDIT_RETENTION_DAYS } } },
        VersioningConfiguration: { Status: 'Enabled' },
      });
      expect(bucket?.DeletionPolicy).toBe('Retain');
    });

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
      expect(key?.DeletionPolicy).toBe('Retain');
    });

    it('is TLS-only, never public, and logs its access to a separate bucket', () => {
      // Act
      const bucket = resources('AWS::S3::Bucket')[ids().bucket];
      const statements = bucketPolicyOf(resources('AWS::S3::Bucket'), resources('AWS::S3::BucketPolicy'), ids().bucket);

      // Assess
      expect(isTlsOnly(statements)).toBe(true);
      expect(bucket?.Properties?.PublicAccessBlockConfiguration).toEqual(ALL_PUBLIC_ACCESS_BLOCKED);
      expect(bucket?.Properties?.LoggingConfiguration?.DestinationBucketName).toEqual({ Ref: ids().accessLogs });
    });

    it('makes every bucket of the app TLS-only and not public', () => {
      for (const [stack, stackTemplate] of Object.entries(synth().templates)) {
        const buckets = resourcesOf(stackTemplate, 'AWS::S3::Bucket');
        for (const [bucketId, bucket] of Object.entries(buckets)) {
          expect(isTlsOnly(bucketPolicyOf(buckets, resourcesOf(stackTemplate, 'AWS::S3::BucketPolicy'), bucketId)), `${stack}/${bucketId}`).toBe(true);
          expect(bucket.Properties?.PublicAccessBlockConfiguration, `${stack}/${bucketId}`).toEqual(ALL_PUBLIC_ACCESS_BLOCKED);
        }
      }
    });
  });

  describe('audit stack: the digest signing key', () => {
    it('is an ECC_NIST_P256 SIGN_VERIFY key, retained', () => {
      // Act
      const key = resources('AWS::KMS::Key')[logicalIdOf(synth().stacks.audit.signingKey.key)];

      // Assess
      expect(key?.Properties).toMatchObject({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
      expect(key?.DeletionPolicy).toBe('Retain');
    });
  });

  describe('audit stack: the archiver', () => {
    it('reads only new audit events from the table stream, in batches that wait at most 30 seconds', () => {
      // Prepare
      const expectedPattern = { eventName: ['INSERT'], dynamodb: { NewImage: { entity: { S: [AUDIT_EVENT_ENTITY] } } } };

      // Act
      const mappings = Object.values(resources('AWS::Lambda::EventSourceMapping'));
      const mapping = mappings[0]?.Properties;

      // Assess
      expect(mappings).toHaveLength(1);
      expect(AUDIT_EVENT_ENTITY).toBe('audit-event');
      expect(mapping?.FunctionName).toEqual({ Ref: ids().archiver });
      expect(refersTo(mapping?.EventSourceArn, 'StreamArn')).toBe(true);
      expect(mapping?.FilterCriteria?.Filters.map(({ Pattern }: { Pattern: string }) => JSON.parse(Pattern))).toEqual([expectedPattern]);
      expect(AUDIT_STREAM_FILTER).toEqual(expectedPattern);
      expect(mapping?.MaximumBatchingWindowInSeconds).toBeLessThanOrEqual(30);
      expect(mapping?.MaximumBatchingWindowInSeconds).toBe(ARCHIVE_BATCHING_WINDOW.toSeconds());
      expect(mapping).toMatchObject({ StartingPosition: 'TRIM_HORIZON', BatchSize: 100, MaximumRetryAttempts: 10 });
    });

    it('reports the first failed record instead of halving batches, and sends what still fails to an encrypted TLS-only queue', () => {
      // Act
      const mapping = Object.values(resources('AWS::Lambda::EventSourceMapping'))[0]?.Properties;
      const queue = resources('AWS::SQS::Queue')[ids().failedBatches];
      const queuePolicy = Object.values(resources('AWS::SQS::QueuePolicy')).find(({ Properties }) => refersTo(Properties?.Queues, ids().failedBatches));

      // Assess
      expect(mapping?.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
      expect(mapping?.BisectBatchOnFunctionError).toBe(false);
      expect(mapping?.DestinationConfig?.OnFailure?.Destination).toEqual({ 'Fn::GetAtt': [ids().failedBatches, 'Arn'] });
      expect(queue?.Properties?.SqsManagedSseEnabled ?? Boolean(queue?.Properties?.KmsMasterKeyId)).toBe(true);
      expect(JSON.stringify(queuePolicy?.Properties?.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
    });

    it('alarms when a batch lands on the failure queue', () => {
      template().hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [ids().failedBatches, 'QueueName'] } }],
        Threshold: 1,
      });
    });

    it('may read the stream and the ARCHIVED marker, record objects, and list, read and write events/ only', () => {
      // Act
      const grants = grantsOf(ids().archiver);

      // Assess
      expect(grants.dynamodb).toEqual(['dynamodb:DescribeStream', 'dynamodb:GetItem', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:PutItem']);
      expect(grants.bucketActions).toEqual(['s3:GetObject', 's3:ListBucket', 's3:PutObject']);
      expect(grants.listPrefixes).toEqual(['events/*']);
      expect(JSON.stringify(grants.bucket)).not.toContain('digests/');
      expect(grants.archiveKey).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
      expect(grants.signingKey).toEqual([]);
    });

    it('knows the table and the bucket', () => {
      const fn = resources('AWS::Lambda::Function')[ids().archiver];
      expect(Object.keys(fn?.Properties?.Environment?.Variables ?? {})).toEqual(expect.arrayContaining(['TABLE_NAME', 'AUDIT_BUCKET']));
      expect(fn?.Properties?.Environment?.Variables?.AUDIT_BUCKET).toEqual({ Ref: ids().bucket });
    });
  });

  describe('audit stack: the digest writer', () => {
    it('runs every 15 minutes', () => {
      template().hasResourceProperties('AWS::Events::Rule', {
        ScheduleExpression: 'rate(15 minutes)',
        State: 'ENABLED',
        Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [ids().digestWriter, 'Arn'] } })],
      });
    });

    it('may query gsi2, move markers and the tree, read events/, list and write digests/, write checkpoints/, and sign with the digest algorithm only', () => {
      // Act
      const grants = grantsOf(ids().digestWriter);
      const sign = grants.signingKey.find(({ Action }) => Action === 'kms:Sign');

      // Assess
      expect(grants.dynamodb).toEqual(['dynamodb:BatchGetItem', 'dynamodb:BatchWriteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem']);
      expect(grants.bucketActions).toEqual(['s3:GetObject', 's3:ListBucket', 's3:PutObject']);
      expect(grants.listPrefixes).toEqual(['digests/*']);
      const bucketGrants = JSON.stringify(grants.bucket);
      expect(bucketGrants).toContain('/checkpoints/*');
      expect(bucketGrants).toContain('/events/*');
      expect(grants.archiveKey.sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
      expect(actionsOf(grants.signingKey).sort()).toEqual(['kms:GetPublicKey', 'kms:Sign']);
      expect(sign?.Condition).toEqual({ StringEquals: { 'kms:SigningAlgorithm': 'ECDSA_SHA_256' } });
    });

    it('queries no index but gsi2 (and the table, for the tree)', () => {
      // Act
      const statements = functionGrants(synth().templates).find(({ logicalId }) => logicalId === ids().digestWriter)!.statements;
      const query = statements.filter(({ Action }) => asList(Action).includes('dynamodb:Query'));
      const onIndexes = query.filter(({ Resource }) => JSON.stringify(Resource).includes('/index/'));

      // Assess
      expect(query).toHaveLength(2);
      expect(onIndexes).toHaveLength(1);
      expect(JSON.stringify(onIndexes[0]!.Resource)).toMatch(/"\/index\/gsi2"/);
      expect(asList(onIndexes[0]!.Resource)).toHaveLength(1);
    });

    it('knows the table, the bucket and the signing key', () => {
      const variables = resources('AWS::Lambda::Function')[ids().digestWriter]?.Properties?.Environment?.Variables ?? {};
      expect(Object.keys(variables)).toEqual(expect.arrayContaining(['TABLE_NAME', 'AUDIT_BUCKET', 'AUDIT_SIGNING_KEY_ID']));
      expect(variables.AUDIT_SIGNING_KEY_ID).toEqual({ 'Fn::GetAtt': [logicalIdOf(synth().stacks.audit.signingKey.key), 'Arn'] });
    });
  });

  describe('audit stack: Athena over the archive', () => {
    it('declares a JSON table over events/ with the AuditEvent columns and tenant/date partitions', () => {
      // Act
      const [table] = Object.values(resources('AWS::Glue::Table'));
      const input = table?.Properties?.TableInput;

      // Assess
      expect(input?.StorageDescriptor?.SerdeInfo?.SerializationLibrary).toBe('org.openx.data.jsonserde.JsonSerDe');
      expect(input?.StorageDescriptor?.Columns.map(({ Name, Type }: { Name: string; Type: string }) => `${Name} ${Type}`)).toEqual(
        AUDIT_EVENT_COLUMNS.map(({ name, type }) => `${name} ${type}`),
      );
      expect(input?.StorageDescriptor?.Columns.map(({ Name }: { Name: string }) => Name)).toEqual(
        expect.arrayContaining(['tenantid', 'seq', 'target', 'changedfields', 'details', 'actor', 'prevhash', 'hash']),
      );
      expect(input?.PartitionKeys).toEqual([
        { Name: 'tenant', Type: 'string' },
        { Name: 'date', Type: 'string' },
      ]);
      expect(input?.StorageDescriptor?.Location).toEqual({ 'Fn::Join': ['', ['s3://', { Ref: ids().bucket }, '/events/']] });
    });

    it('projects partitions: the tenant injected by each query, dates from the first day to now, at the archive key layout', () => {
      // Act
      const parameters = Object.values(resources('AWS::Glue::Table'))[0]?.Properties?.TableInput?.Parameters;

      // Assess
      expect(parameters).toMatchObject({
        'projection.enabled': 'true',
        'projection.tenant.type': 'injected',
        'projection.date.type': 'date',
        'projection.date.format': 'yyyy-MM-dd',
        'projection.date.range': `${AUDIT_FIRST_DATE},NOW`,
      });
      expect(parameters?.['storage.location.template']).toEqual({
        'Fn::Join': ['', ['s3://', { Ref: ids().bucket }, '/events/tenant=${tenant}/date=${date}/']],
      });
    });

    it('enforces its workgroup configuration: KMS-encrypted results in their own bucket, and a scan limit per query', () => {
      // Act
      const [workGroup] = Object.values(resources('AWS::Athena::WorkGroup'));
      const configuration = workGroup?.Properties?.WorkGroupConfiguration;
      const results = resources('AWS::S3::Bucket')[ids().results];

      // Assess
      expect(configuration?.EnforceWorkGroupConfiguration).toBe(true);
      expect(configuration?.BytesScannedCutoffPerQuery).toBeGreaterThan(0);
      expect(configuration?.ResultConfiguration?.EncryptionConfiguration).toEqual({
        EncryptionOption: 'SSE_KMS',
        KmsKey: { 'Fn::GetAtt': [ids().resultsKey, 'Arn'] },
      });
      expect(refersTo(configuration?.ResultConfiguration?.OutputLocation, ids().results)).toBe(true);
      expect(refersTo(configuration?.ResultConfiguration?.OutputLocation, ids().bucket)).toBe(false);
      expect(results?.Properties?.BucketEncryption?.ServerSideEncryptionConfiguration?.[0]?.ServerSideEncryptionByDefault).toEqual({
        SSEAlgorithm: 'aws:kms',
        KMSMasterKeyID: { 'Fn::GetAtt': [ids().resultsKey, 'Arn'] },
      });
    });
  });
}
