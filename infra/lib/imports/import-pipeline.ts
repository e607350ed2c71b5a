import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { IMPORT_CHUNK_CONCURRENCY } from '@rapport/domain';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { BlockPublicAccess, Bucket, BucketEncryption, HttpMethods, ObjectOwnership, type CfnBucket } from 'aws-cdk-lib/aws-s3';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct, type IConstruct } from 'constructs';
import { HandlerFunction } from '../api/handler-function';
import { arnAsSeenBy } from '../nag-references';
import { workerQueue } from '../shared/worker-queue';
import type { FieldKey } from '../data/field-key';
import { grantTableAccess } from '../data/table-access';

/** The handler under `functions/` that imports one chunk of a job per message. */
export const IMPORT_WORKER_HANDLER = 'imports/process-import-chunk';
/** Uploaded files live under this prefix (`imports/<tenant>/<import>.csv`). */
export const IMPORT_PREFIX = 'imports/';
/** An uploaded file is kept this long: long enough to map, check and run an import, not a copy of the data for good. */
export const IMPORT_FILE_DAYS = 7;
/** One chunk (1,000 rows) takes seconds; the timeout leaves room for a slow table, the queue's visibility six times it. */
export const IMPORT_WORKER_TIMEOUT = Duration.minutes(2);
/** Deliveries of a chunk before it goes to the dead-letter queue (each re-reads the chunk; its rows' claims keep counts exact). */
export const IMPORT_MAX_RECEIVES = 5;

export interface ImportPipelineProps {
  stage: string;
  table: ITable;
  fieldKey: FieldKey;
  /** The web console's origin, allowed to PUT files to the upload URLs. */
  appUrl: string;
}

/**
 * CSV imports: the bucket clients upload files to through presigned URLs (private, TLS only,
 * files expire after a week), the queue of chunks with its dead-letter queue and alarm, and the
 * worker Lambda that takes one chunk per message and queues the next.
 */
export class ImportPipeline extends Construct {
  readonly bucket: Bucket;
  readonly accessLogs: Bucket;
  readonly queue: Queue;
  readonly deadLetters: Queue;
  worker?: HandlerFunction;

  constructor(scope: Construct, id: string, props: ImportPipelineProps) {
    super(scope, id);

    this.accessLogs = new Bucket(this, 'AccessLogs', {
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
      reason: 'This is the server access log destination of the imports bucket; logging its own access would log every log delivery, in a loop.',
    });

    this.bucket = new Bucket(this, 'Bucket', {
      // Files hold personal data in clear until imported: encrypted at rest, private, deleted after a week.
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'imports/',
      lifecycleRules: [{ expiration: Duration.days(IMPORT_FILE_DAYS), abortIncompleteMultipartUploadAfter: Duration.days(1) }],
      cors: [{ allowedMethods: [HttpMethods.PUT], allowedOrigins: [new URL(props.appUrl).origin], allowedHeaders: ['content-type'], maxAge: 3000 }],
      removalPolicy: RemovalPolicy.DESTROY,
    });

    ({ queue: this.queue, deadLetters: this.deadLetters } = workerQueue(this, {
      id: 'Chunks',
      name: 'import',
      workerTimeout: IMPORT_WORKER_TIMEOUT,
      maxReceives: IMPORT_MAX_RECEIVES,
      alarmDescription: 'An import chunk failed every retry: its job stays running until the message is redriven to the import queue.',
    }));
  }

  /** The variables the API functions and the worker read to find the bucket and the queue. */
  get environment(): Record<string, string> {
    return { IMPORT_BUCKET: this.bucket.bucketName, IMPORT_QUEUE_URL: this.queue.queueUrl };
  }

  /**
   * The worker: the same variables as the API functions, on the queue with batch size 1, at most
   * IMPORT_CHUNK_CONCURRENCY at once (an import's chunks run in parallel up to it; the minimum AWS allows is 2).
   */
  addWorker(props: { environment: Record<string, string>; table: ITable; fieldKey: FieldKey }): HandlerFunction {
    const worker = new HandlerFunction(this, 'Worker', { handler: IMPORT_WORKER_HANDLER, environment: props.environment, timeout: IMPORT_WORKER_TIMEOUT });
    worker.function.addEventSource(new SqsEventSource(this.queue, { batchSize: 1, reportBatchItemFailures: true, maxConcurrency: IMPORT_CHUNK_CONCURRENCY }));
    grantTableAccess(worker, props.table, 'readWrite');
    props.fieldKey.grantEnvelopeEncryption(worker);
    // Reads its chunk of the file and queues the next chunk.
    this.grantFiles(worker, ['s3:GetObject']);
    this.queue.grantSendMessages(worker);
    this.worker = worker;
    return worker;
  }

  /** What an API route with `access.imports` may do: sign upload URLs (PutObject), read files, queue the first chunk. */
  grantRouteAccess(grantee: IGrantable & IConstruct): void {
    this.grantFiles(grantee, ['s3:PutObject', 's3:GetObject']);
    this.queue.grantSendMessages(grantee);
  }

  private grantFiles(grantee: IGrantable & IConstruct, actions: string[]): void {
    grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ actions, resources: [this.bucket.arnForObjects(`${IMPORT_PREFIX}*`)] }));
    Validations.of(grantee).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${arnAsSeenBy(this.bucket.node.defaultChild as CfnBucket, grantee)}>/${IMPORT_PREFIX}*]`,
      reason: `Object actions on the imports bucket are granted on the key prefix "${IMPORT_PREFIX}*" (files are keyed by tenant and import id), the narrowest resource S3 object keys allow.`,
    });
  }
}
