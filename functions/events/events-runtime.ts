import { Logger } from '@aws-lambda-powertools/logger';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { KMSClient } from '@aws-sdk/client-kms';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createFieldCipher, KmsKeyProvider, LocalKeyProvider, TenantKeyring } from '@rapport/crypto';
import { AuditedWriter, DynamoDataKeyStore, DynamoDeliveryLog, DynamoWebhookRepository } from '@rapport/data';
import { createDeliveryService, systemClock, type Clock, type DeliveryService, type EventPublisher, type RetryScheduler } from '@rapport/domain';
import { EventBridgeEventPublisher, HttpWebhookSender, SqsRetryScheduler } from '@rapport/events';
import * as z from 'zod';

/**
 * Configuration of the outbound-event functions, from their environment (the CDK events construct
 * in AWS). The bus and the retry queue exist only in AWS; the local stack passes its in-process bus
 * and retry timer as ports instead, and leaves the two variables unset.
 */
const publisherEnvironmentSchema = z.object({
  AWS_REGION: z.string().min(1).default('us-east-1'),
  EVENT_BUS_NAME: z.string().min(1).optional(),
});

const dispatcherEnvironmentSchema = z
  .object({
    TABLE_NAME: z.string().min(1),
    AWS_REGION: z.string().min(1).default('us-east-1'),
    WEBHOOK_RETRY_QUEUE_URL: z.url().optional(),
    FIELD_KEY_ID: z.string().min(1).optional(),
    LOCAL_MASTER_KEY_FILE: z.string().min(1).optional(),
    WEBHOOK_URL_POLICY: z.enum(['public', 'local']).default('public'),
  })
  .refine((env) => Boolean(env.FIELD_KEY_ID) !== Boolean(env.LOCAL_MASTER_KEY_FILE), {
    message: 'set exactly one of FIELD_KEY_ID (AWS KMS) and LOCAL_MASTER_KEY_FILE (local mode)',
  });

interface BaseRuntime {
  logger: Logger;
  tracer: Tracer;
}

export interface PublisherRuntime extends BaseRuntime {
  publisher: EventPublisher;
}

export interface DispatcherRuntime extends BaseRuntime {
  clock: Clock;
  /** Where a retry that is not yet due goes back to wait. */
  retries: RetryScheduler;
  deliveryFor(tenantId: string): DeliveryService;
}

/** What the local stack passes in place of the AWS services it has no engine for. */
export interface LocalEventPorts {
  publisher?: EventPublisher;
  retries?: RetryScheduler;
  /** Shorter waits between attempts (tests). */
  retryDelaysSeconds?: readonly number[];
}

const base = (): BaseRuntime => ({ logger: new Logger({ serviceName: 'rapport' }), tracer: new Tracer({ serviceName: 'rapport' }) });

const missing = (name: string): never => {
  throw new Error(`${name} is not set and no local port was given`);
};

export function createPublisherRuntime(environment: NodeJS.ProcessEnv, ports: LocalEventPorts = {}): PublisherRuntime {
  const env = publisherEnvironmentSchema.parse(environment);
  const { logger, tracer } = base();
  const publisher =
    ports.publisher ??
    new EventBridgeEventPublisher({
      client: tracer.captureAWSv3Client(new EventBridgeClient({ region: env.AWS_REGION })),
      eventBusName: env.EVENT_BUS_NAME ?? missing('EVENT_BUS_NAME'),
    });
  return { logger, tracer, publisher };
}

export function createDispatcherRuntime(environment: NodeJS.ProcessEnv, ports: LocalEventPorts = {}): DispatcherRuntime {
  const env = dispatcherEnvironmentSchema.parse(environment);
  const { logger, tracer } = base();
  const clock = systemClock;
  const dynamo = tracer.captureAWSv3Client(new DynamoDBClient({ region: env.AWS_REGION }));
  const client = DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } });
  const table = { client, tableName: env.TABLE_NAME, writer: new AuditedWriter({ client, tableName: env.TABLE_NAME, clock }) };
  const keyring = new TenantKeyring({
    provider: env.FIELD_KEY_ID
      ? new KmsKeyProvider({ client: tracer.captureAWSv3Client(new KMSClient({ region: env.AWS_REGION })), keyId: env.FIELD_KEY_ID })
      : new LocalKeyProvider({ masterKeyFile: env.LOCAL_MASTER_KEY_FILE! }),
    store: new DynamoDataKeyStore(table),
    clock,
  });
  const retries =
    ports.retries ??
    new SqsRetryScheduler({
      client: tracer.captureAWSv3Client(new SQSClient({ region: env.AWS_REGION })),
      queueUrl: env.WEBHOOK_RETRY_QUEUE_URL ?? missing('WEBHOOK_RETRY_QUEUE_URL'),
    });
  const sender = new HttpWebhookSender({ policy: env.WEBHOOK_URL_POLICY });
  return {
    logger,
    tracer,
    clock,
    retries,
    deliveryFor: (tenantId) =>
      createDeliveryService(
        {
          webhooks: new DynamoWebhookRepository(table, tenantId),
          deliveries: new DynamoDeliveryLog(table, tenantId),
          cipher: createFieldCipher(keyring, tenantId),
          sender,
          retries,
          clock,
          ...(ports.retryDelaysSeconds ? { retryDelaysSeconds: ports.retryDelaysSeconds } : {}),
        },
        tenantId,
      ),
  };
}

let publisher: PublisherRuntime | undefined;
let dispatcher: DispatcherRuntime | undefined;

/** The publisher function's runtime, created at cold start from `process.env`. */
export function publisherRuntime(): PublisherRuntime {
  publisher ??= createPublisherRuntime(process.env);
  return publisher;
}

/** The dispatcher functions' runtime, created at cold start from `process.env`. */
export function dispatcherRuntime(): DispatcherRuntime {
  dispatcher ??= createDispatcherRuntime(process.env);
  return dispatcher;
}
