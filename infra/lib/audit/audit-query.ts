import { EVENTS_ROOT, eventsDatePrefix } from '@rapport/audit';
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { CfnWorkGroup } from 'aws-cdk-lib/aws-athena';
import { CfnDatabase, CfnTable } from 'aws-cdk-lib/aws-glue';
import { Key } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { AuditArchive } from './archive-bucket';

/**
 * The archived `AuditEvent` (packages/domain/src/audit/audit-event.ts) as Athena columns. The JSON
 * SerDe matches names case-insensitively, so `tenantid` reads `tenantId`.
 */
export const AUDIT_EVENT_COLUMNS = [
  { name: 'tenantid', type: 'string' },
  { name: 'seq', type: 'bigint' },
  { name: 'eventid', type: 'string' },
  { name: 'time', type: 'string', comment: 'ISO 8601, UTC' },
  { name: 'action', type: 'string' },
  { name: 'target', type: 'struct<type:string,id:string>' },
  { name: 'outcome', type: 'string' },
  { name: 'changedfields', type: 'array<string>' },
  { name: 'details', type: 'map<string,string>' },
  { name: 'actor', type: 'struct<userId:string,role:string>' },
  { name: 'requestid', type: 'string' },
  { name: 'sourceip', type: 'string' },
  { name: 'useragent', type: 'string' },
  { name: 'prevhash', type: 'string' },
  { name: 'hash', type: 'string' },
] as const;

/** Partitions follow the archive's key layout (`@rapport/audit`): `events/tenant=<tenantId>/date=<yyyy-MM-dd>/`. */
export const AUDIT_PARTITION_KEYS = [
  { name: 'tenant', type: 'string' },
  { name: 'date', type: 'string' },
] as const;

/** The first day the archive can hold; partition projection enumerates dates from here to today. */
export const AUDIT_FIRST_DATE = '2026-01-01';

/**
 * The most one query may scan before Athena cancels it: 10 GiB, about $0.05 at Athena's price, and
 * years of one tenant's events. A query must name its tenant (the partition is injected), so only
 * an unbounded date range can come near it.
 */
export const AUDIT_QUERY_SCAN_LIMIT_BYTES = 10 * 1024 ** 3;

/** Query results are copies of audit events: kept only as long as someone needs to download them. */
const RESULTS_EXPIRY = Duration.days(7);

export interface AuditQueryProps {
  stage: string;
  archive: AuditArchive;
}

/**
 * Lets Athena query the archive in place, so reading a long period of a tenant's audit trail is a
 * distributed scan rather than a Lambda function paging through S3: a Glue table over `events/`
 * with partition projection (no crawler, no partition maintenance), and a workgroup whose settings
 * (encrypted results in their own bucket, a scan limit) no query can override.
 */
export class AuditQuery extends Construct {
  readonly database: CfnDatabase;
  readonly table: CfnTable;
  readonly workGroup: CfnWorkGroup;
  readonly results: Bucket;
  readonly resultsKey: Key;

  constructor(scope: Construct, id: string, props: AuditQueryProps) {
    super(scope, id);
    const { account } = Stack.of(this);
    const archiveBucket = props.archive.bucket.bucketName;

    this.database = new CfnDatabase(this, 'Database', {
      catalogId: account,
      databaseInput: { name: `rapport_${props.stage.replace(/-/g, '_')}_audit`, description: `Rapport ${props.stage}: the audit archive` },
    });

    const location = (key: string) => `s3://${archiveBucket}/${key}`;
    this.table = new CfnTable(this, 'EventsTable', {
      catalogId: account,
      databaseName: this.database.ref,
      tableInput: {
        name: 'events',
        description: 'Every archived audit event, one JSON object per line; query with WHERE tenant = ... AND date BETWEEN ...',
        tableType: 'EXTERNAL_TABLE',
        partitionKeys: [...AUDIT_PARTITION_KEYS],
        parameters: {
          classification: 'json',
          'projection.enabled': 'true',
          // Injected: every query must name the tenant, so no query reads across tenants by accident.
          'projection.tenant.type': 'injected',
          'projection.date.type': 'date',
          'projection.date.format': 'yyyy-MM-dd',
          'projection.date.range': `${AUDIT_FIRST_DATE},NOW`,
          'projection.date.interval': '1',
          'projection.date.interval.unit': 'DAYS',
          // The archive's own key layout, with Athena's placeholders for the two partition values.
          'storage.location.template': location(eventsDatePrefix('${tenant}', '${date}')),
        },
        storageDescriptor: {
          location: location(EVENTS_ROOT),
          columns: AUDIT_EVENT_COLUMNS.map((column) => ({ ...column })),
          inputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
          outputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
          serdeInfo: { serializationLibrary: 'org.openx.data.jsonserde.JsonSerDe', parameters: { 'case.insensitive': 'TRUE' } },
        },
      },
    });

    this.resultsKey = new Key(this, 'ResultsKey', {
      description: `Rapport ${props.stage}: encryption of Athena query results over the audit archive`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.results = new Bucket(this, 'Results', {
      encryption: BucketEncryption.KMS,
      encryptionKey: this.resultsKey,
      bucketKeyEnabled: true,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: props.archive.accessLogs,
      serverAccessLogsPrefix: 'audit-query-results/',
      lifecycleRules: [{ expiration: RESULTS_EXPIRY, abortIncompleteMultipartUploadAfter: Duration.days(1) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.workGroup = new CfnWorkGroup(this, 'WorkGroup', {
      name: `rapport-${props.stage}-audit`,
      description: `Rapport ${props.stage}: queries over the audit archive`,
      state: 'ENABLED',
      recursiveDeleteOption: false,
      workGroupConfiguration: {
        enforceWorkGroupConfiguration: true,
        publishCloudWatchMetricsEnabled: true,
        bytesScannedCutoffPerQuery: AUDIT_QUERY_SCAN_LIMIT_BYTES,
        engineVersion: { selectedEngineVersion: 'Athena engine version 3' },
        resultConfiguration: {
          outputLocation: this.results.s3UrlForObject('results/'),
          encryptionConfiguration: { encryptionOption: 'SSE_KMS', kmsKey: this.resultsKey.keyArn },
          expectedBucketOwner: account,
        },
      },
    });
  }
}
