import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { KmsDigestSigner, LocalDigestSigner, type DigestSigner } from '@rapport/audit';
import { KmsKeyProvider, LocalKeyProvider, TenantKeyring, createFieldCipher } from '@rapport/crypto';
import {
  AuditedWriter,
  DynamoAuditEventStore,
  DynamoAuditLog,
  DynamoBehaviourRepository,
  DynamoIngestKeyLookup,
  DynamoIngestKeyRepository,
  DynamoContactRepository,
  DynamoCompanyRepository,
  DynamoCustomerRecordRepository,
  DynamoDataKeyStore,
  DynamoFieldDefinitionRepository,
  DynamoMembershipRepository,
  DynamoRoleRepository,
  DynamoTenantEraser,
  DynamoTenantRepository,
  DynamoImportJobRepository,
  DynamoImportRowWriter,
  S3ImportFileStore,
  SqsImportChunkQueue,
  DynamoDeliveryLog,
  DynamoWebhookRepository,
  S3ExportFileStore,
  DynamoTicketRepository,
  BACKUP_RETENTION_DAYS,
  DynamoCampaignRepository,
  DynamoSegmentDataSource,
  DynamoSegmentRepository,
  DynamoAnalyticsStore,
  DynamoPipelineRepository,
  DynamoDealRepository,
  DynamoCustomerScoresRepository,
  DynamoInsightsJobRepository,
  DynamoInsightsTenantListing,
  DynamoRecommendationRepository,
  SqsInsightsQueue,
  DynamoTaskRepository,
  DynamoArmedReminderIndex,
  DynamoAssigneeDirectory,
  type TableOptions,
} from '@rapport/data';
import {
  createBehaviourService,
  createContactService,
  createContactExportService,
  createCompanyService,
  createCustomerRecordService,
  createFieldDefinitionService,
  createIngestKeyService,
  hashIngestSecret,
  type IngestKey,
  type RequestMeta,
  createInviteAcceptance,
  createRoleService,
  createSessionService,
  createSignupService,
  createTenantAdminService,
  createUserService,
  createImportService,
  type ImportWorkerDeps,
  createWebhookService,
  createTicketService,
  createComplaintDesk,
  answerSurvey,
  type SurveyAnswerInput,
  createTaskService,
  createTaskReminderService,
  type ReminderScheduler,
  systemClock,
  createPipelineService,
  createDealService,
  type Actor,
  type Clock,
  type Mailer,
  createCampaignService,
  createSegmentService,
  createAnalyticsService,
  createInsightsService,
  type InsightsScheduleDeps,
  type InsightsWorkerDeps,
} from '@rapport/domain';
import { UnauthenticatedError, type HttpRuntime } from '@rapport/http';
import { CognitoIdentityProvider, createAccessTokenVerifier } from '@rapport/identity';
import { FileMailer, SesMailer } from '@rapport/mail';
import { HttpWebhookSender, SchedulerReminderScheduler, TimerReminderScheduler } from '@rapport/events';
import { createAuthenticator } from './authenticator';
import { cacheCallers, type CachedCallers } from './caller-cache';
import { readEnvironment, type Environment } from './environment';

/** Everything a handler needs, built once per container. */
export interface Runtime extends HttpRuntime {
  env: Environment;
  /**
   * Business metrics (CloudWatch EMF). Handlers that add one publish it themselves: a chain-wide
   * flush would log a warning on every invocation that has none.
   */
  metrics: Metrics;
  clock: Clock;
  table: TableOptions & { writer: AuditedWriter };
  keyring: TenantKeyring;
  auditLog: DynamoAuditLog;
  identity: CognitoIdentityProvider;
  signup: ReturnType<typeof createSignupService>;
  session: ReturnType<typeof createSessionService>;
  /** The container's cache of resolved callers (at most 5 s old). */
  callers: CachedCallers;
  inviteAcceptance: ReturnType<typeof createInviteAcceptance>;
  contactsFor(actor: Actor): ReturnType<typeof createContactService>;
  /** Exports of contacts into the exports bucket; throws where no bucket is configured. */
  contactExportsFor(actor: Actor): ReturnType<typeof createContactExportService>;
  companiesFor(actor: Actor): ReturnType<typeof createCompanyService>;
  /** The workspace's custom field definitions. */
  fieldsFor(actor: Actor): ReturnType<typeof createFieldDefinitionService>;
  /** A contact's orders, interactions and feedback, and its 360 view. */
  customerRecordsFor(actor: Actor): ReturnType<typeof createCustomerRecordService>;
  rolesFor(actor: Actor): ReturnType<typeof createRoleService>;
  usersFor(actor: Actor): ReturnType<typeof createUserService>;
  tenantAdminFor(actor: Actor): ReturnType<typeof createTenantAdminService>;
  auditEvents: DynamoAuditEventStore;
  ingestKeysFor(actor: Actor): ReturnType<typeof createIngestKeyService>;
  /** Webhook subscriptions and their delivery log (`settings:manage`). */
  webhooksFor(actor: Actor): ReturnType<typeof createWebhookService>;
  behaviourFor(key: IngestKey, request: RequestMeta): ReturnType<typeof createBehaviourService>;
  /** CSV imports of the caller's workspace. */
  importsFor(actor: Actor): ReturnType<typeof createImportService>;
  /** What the import worker needs for one tenant's job. */
  importWorkerFor(tenantId: string): ImportWorkerDeps;
  /** Service tickets and the SLA policy. */
  ticketsFor(actor: Actor): ReturnType<typeof createTicketService>;
  /** A customer's answer to a satisfaction survey (public: the token names the tenant). */
  answerSurvey(token: string, input: SurveyAnswerInput, request: Actor['request']): ReturnType<typeof answerSurvey>;
  /** The S3 archive and the key that signs its digests; absent where no archive is configured. */
  auditArchive?: { s3: S3Client; bucket: string; signer: DigestSigner };
  /** Segments: saved rules, evaluated over the listings (`marketing:*`). */
  segmentsFor(actor: Actor): ReturnType<typeof createSegmentService>;
  /** Campaigns, their fixed audiences and conversions (`marketing:*`). */
  campaignsFor(actor: Actor): ReturnType<typeof createCampaignService>;
  /** The CRM numbers, read from the analytics aggregates only (`analytics:read`). */
  analyticsFor(actor: Actor): ReturnType<typeof createAnalyticsService>;
  /** Sales pipelines and their stages. */
  pipelinesFor(actor: Actor): ReturnType<typeof createPipelineService>;
  /** Deals, the forecast and lead conversion. */
  dealsFor(actor: Actor): ReturnType<typeof createDealService>;
  /** Scores, churn risk and recommendations of the caller's workspace, and asking for a run. */
  insightsFor(actor: Actor): ReturnType<typeof createInsightsService>;
  /** What the insights worker needs for one tenant's run. */
  insightsWorkerFor(tenantId: string): InsightsWorkerDeps;
  /** What the daily schedule needs to queue every tenant's run. */
  insightsSchedule(): InsightsScheduleDeps;
  /** Tasks of the caller's workspace, with their reminders. */
  tasksFor(actor: Actor): ReturnType<typeof createTaskService>;
  /** Fires due reminders (the fire-reminder function) and catches up missed ones (local start). */
  taskReminders: ReturnType<typeof createTaskReminderService>;
  /** Where reminders are scheduled: EventBridge Scheduler in AWS, timers in this process locally. */
  reminders: ReminderScheduler;
}

export function createRuntime(environment: NodeJS.ProcessEnv): Runtime {
  const env = readEnvironment(environment);
  const logger = new Logger({ serviceName: 'rapport' });
  const tracer = new Tracer({ serviceName: 'rapport' });
  const metrics = new Metrics({ namespace: 'Rapport', serviceName: 'rapport' });
  const clock = systemClock;

  const dynamo = tracer.captureAWSv3Client(new DynamoDBClient({ region: env.AWS_REGION }));
  const client = DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } });
  const writer = new AuditedWriter({ client, tableName: env.TABLE_NAME, clock });
  const table = { client, tableName: env.TABLE_NAME, writer };
  const auditLog = new DynamoAuditLog(writer);
  const ingestKeys = new DynamoIngestKeyLookup(table);

  const cognito = tracer.captureAWSv3Client(new CognitoIdentityProviderClient({ region: env.AWS_REGION }));
  const identity = new CognitoIdentityProvider({
    client: cognito,
    userPoolId: env.USER_POOL_ID,
    clientId: env.USER_POOL_CLIENT_ID,
    globalSignOut: env.USER_POOL_GLOBAL_SIGN_OUT === 'on',
  });
  const tenants = new DynamoTenantRepository(table);
  const roleRepository = (tenantId: string) => new DynamoRoleRepository(table, tenantId);
  const membershipRepository = (tenantId: string) => new DynamoMembershipRepository(table, tenantId);
  const session = createSessionService({ identity, tenants, rolesFor: roleRepository, membershipsFor: membershipRepository, auditLog, clock });
  const verifier = createAccessTokenVerifier({
    issuer: env.TOKEN_ISSUER ?? `https://cognito-idp.${env.AWS_REGION}.amazonaws.com/${env.USER_POOL_ID}`,
    clientId: env.USER_POOL_CLIENT_ID,
  });

  const keyring = new TenantKeyring({
    provider: env.FIELD_KEY_ID
      ? new KmsKeyProvider({ client: tracer.captureAWSv3Client(new KMSClient({ region: env.AWS_REGION })), keyId: env.FIELD_KEY_ID })
      : new LocalKeyProvider({ masterKeyFile: env.LOCAL_MASTER_KEY_FILE! }),
    store: new DynamoDataKeyStore(table),
    clock,
  });
  const mailer: Mailer = env.MAIL_DIRECTORY
    ? new FileMailer({ directory: env.MAIL_DIRECTORY, from: env.MAIL_FROM })
    : new SesMailer({ client: tracer.captureAWSv3Client(new SESv2Client({ region: env.AWS_REGION })), from: env.MAIL_FROM });
  const userDeps = {
    membershipsFor: membershipRepository,
    rolesFor: roleRepository,
    identity,
    mailer,
    clock,
    appUrl: env.APP_URL,
    onIdentitySyncFailure: (error: unknown) => logger.error('Cognito did not follow a membership change', { error: error as Error }),
  };

  // s3rver (local) needs path-style addressing; AWS gets virtual-hosted style.
  const s3 = tracer.captureAWSv3Client(new S3Client({ region: env.AWS_REGION, ...(environment.AWS_ENDPOINT_URL_S3 ? { forcePathStyle: true } : {}) }));
  const exportFiles = env.EXPORTS_BUCKET ? new S3ExportFileStore({ s3, bucket: env.EXPORTS_BUCKET }) : undefined;
  const auditArchive = env.AUDIT_BUCKET
    ? {
        s3,
        bucket: env.AUDIT_BUCKET,
        signer: env.AUDIT_SIGNING_KEY_ID
          ? new KmsDigestSigner({ client: tracer.captureAWSv3Client(new KMSClient({ region: env.AWS_REGION })), keyId: env.AUDIT_SIGNING_KEY_ID })
          : new LocalDigestSigner({ keyFile: env.AUDIT_SIGNING_KEY_FILE! }),
      }
    : undefined;

  // Upload URLs must not carry a checksum of the (empty) body they are signed without.
  const importS3 = tracer.captureAWSv3Client(
    new S3Client({ region: env.AWS_REGION, requestChecksumCalculation: 'WHEN_REQUIRED', ...(environment.AWS_ENDPOINT_URL_S3 ? { forcePathStyle: true } : {}) }),
  );
  const importSqs = tracer.captureAWSv3Client(new SQSClient({ region: env.AWS_REGION }));
  const importDeps = (tenantId: string): ImportWorkerDeps => {
    if (!env.IMPORT_BUCKET || !env.IMPORT_QUEUE_URL) throw new Error('Imports need IMPORT_BUCKET and IMPORT_QUEUE_URL');
    return {
      jobs: new DynamoImportJobRepository(table, tenantId),
      files: new S3ImportFileStore({ s3: importS3, bucket: env.IMPORT_BUCKET }),
      queue: new SqsImportChunkQueue({ sqs: importSqs, queueUrl: env.IMPORT_QUEUE_URL }),
      rows: new DynamoImportRowWriter(table, tenantId),
      contacts: new DynamoContactRepository(table, tenantId),
      cipher: createFieldCipher(keyring, tenantId),
      fields: new DynamoFieldDefinitionRepository(table, tenantId),
      clock,
      ...(env.IMPORT_CHUNK_ROWS ? { chunkRows: env.IMPORT_CHUNK_ROWS } : {}),
    };
  };

  const segmentsFor = (actor: Actor) =>
    createSegmentService(
      {
        segments: new DynamoSegmentRepository(table, actor.auth.tenantId),
        source: new DynamoSegmentDataSource(table, actor.auth.tenantId),
        fields: new DynamoFieldDefinitionRepository(table, actor.auth.tenantId),
        clock,
      },
      actor,
    );
  const insightsSqs = tracer.captureAWSv3Client(new SQSClient({ region: env.AWS_REGION }));
  const insightsQueue = () => {
    if (!env.INSIGHTS_QUEUE_URL) throw new Error('Insights need INSIGHTS_QUEUE_URL');
    return new SqsInsightsQueue({ sqs: insightsSqs, queueUrl: env.INSIGHTS_QUEUE_URL });
  };
  const insightsWorkerDeps = (tenantId: string): InsightsWorkerDeps => ({
    jobs: new DynamoInsightsJobRepository(table, tenantId),
    scores: new DynamoCustomerScoresRepository(table, tenantId),
    recommendations: new DynamoRecommendationRepository(table, tenantId),
    queue: insightsQueue(),
    auditLog,
    clock,
    tenantId,
    ...(env.INSIGHTS_CHUNK_SIZE ? { chunkSize: env.INSIGHTS_CHUNK_SIZE } : {}),
  });
  // Test pings go out from the API itself, checked against the same URL policy as the dispatcher's deliveries.
  const webhookSender = new HttpWebhookSender({ policy: env.WEBHOOK_URL_POLICY });
  // Locally a reminder's timer fires the same code the fire-reminder function runs in AWS.
  const reminders: ReminderScheduler =
    env.REMINDER_SCHEDULE_GROUP && env.REMINDER_TARGET_ARN && env.REMINDER_ROLE_ARN
      ? new SchedulerReminderScheduler({
          client: tracer.captureAWSv3Client(new SchedulerClient({ region: env.AWS_REGION })),
          groupName: env.REMINDER_SCHEDULE_GROUP,
          targetArn: env.REMINDER_TARGET_ARN,
          roleArn: env.REMINDER_ROLE_ARN,
        })
      : new TimerReminderScheduler({
          fire: (reminder) => taskReminders.fire(reminder, `reminder-${reminder.taskId}`),
          onError: (error) => logger.error('A task reminder failed to fire', { error: error as Error }),
        });
  const taskReminders = createTaskReminderService({
    tasksFor: (tenantId) => new DynamoTaskRepository(table, tenantId),
    armed: new DynamoArmedReminderIndex(table),
    reminders,
    clock,
  });

  const callers = cacheCallers((sub) => session.resolve(sub), { clock });
  return {
    env,
    logger,
    tracer,
    metrics,
    clock,
    table,
    keyring,
    auditLog,
    identity,
    authenticate: createAuthenticator(verifier, callers, logger),
    recordDenial: async (actor, permission, routeId) => {
      await auditLog
        .record(actor.auth.tenantId, {
          context: { actor: { userId: actor.auth.userId, role: actor.auth.role }, ...actor.request },
          entry: { action: 'authz.denied', target: null, outcome: 'denied', details: { permission, route: routeId } },
        })
        .catch((error: unknown) => logger.error('Could not audit a refused request', { error: error as Error }));
    },
    signup: createSignupService({
      identity,
      tenants,
      clock,
      onRollbackFailure: (error) => logger.error('Signup rollback failed; the identity is repaired on the next signup', { error: error as Error }),
    }),
    session,
    callers,
    inviteAcceptance: createInviteAcceptance(userDeps),
    contactsFor: (actor) =>
      createContactService(
        {
          contacts: new DynamoContactRepository(table, actor.auth.tenantId),
          companies: new DynamoCompanyRepository(table, actor.auth.tenantId),
          cipher: createFieldCipher(keyring, actor.auth.tenantId),
          fields: new DynamoFieldDefinitionRepository(table, actor.auth.tenantId),
          auditLog,
          clock,
        },
        actor,
      ),
    contactExportsFor: (actor) => {
      if (!exportFiles) throw new Error('Contact exports are not configured (EXPORTS_BUCKET)');
      return createContactExportService(
        {
          contacts: new DynamoContactRepository(table, actor.auth.tenantId),
          cipher: createFieldCipher(keyring, actor.auth.tenantId),
          fields: new DynamoFieldDefinitionRepository(table, actor.auth.tenantId),
          files: exportFiles,
          auditLog,
          clock,
          ...(env.EXPORT_PAGE_SIZE ? { pageSize: env.EXPORT_PAGE_SIZE } : {}),
        },
        actor,
      );
    },
    companiesFor: (actor) =>
      createCompanyService(
        {
          companies: new DynamoCompanyRepository(table, actor.auth.tenantId),
          fields: new DynamoFieldDefinitionRepository(table, actor.auth.tenantId),
          cipher: createFieldCipher(keyring, actor.auth.tenantId),
          auditLog,
          clock,
        },
        actor,
      ),
    fieldsFor: (actor) => createFieldDefinitionService({ fields: new DynamoFieldDefinitionRepository(table, actor.auth.tenantId), clock }, actor),
    customerRecordsFor: (actor) =>
      createCustomerRecordService(
        {
          contacts: new DynamoContactRepository(table, actor.auth.tenantId),
          records: new DynamoCustomerRecordRepository(table, actor.auth.tenantId),
          cipher: createFieldCipher(keyring, actor.auth.tenantId),
          fields: new DynamoFieldDefinitionRepository(table, actor.auth.tenantId),
          auditLog,
          clock,
          complaintDesk: createComplaintDesk({
            tickets: new DynamoTicketRepository(table, actor.auth.tenantId),
            contacts: new DynamoContactRepository(table, actor.auth.tenantId),
            cipher: createFieldCipher(keyring, actor.auth.tenantId),
            clock,
          }),
        },
        actor,
      ),
    rolesFor: (actor) => createRoleService({ roles: roleRepository(actor.auth.tenantId), clock }, actor),
    usersFor: (actor) => createUserService(userDeps, actor),
    auditEvents: new DynamoAuditEventStore(table),
    authenticateIngestKey: async (secret) => {
      const key = await ingestKeys.findBySecretHash(hashIngestSecret(secret));
      if (!key) throw new UnauthenticatedError('The ingest key is not valid: it may have been revoked');
      return key;
    },
    ingestKeysFor: (actor) => createIngestKeyService({ keys: new DynamoIngestKeyRepository(table, actor.auth.tenantId), clock }, actor),
    webhooksFor: (actor) =>
      createWebhookService(
        {
          webhooks: new DynamoWebhookRepository(table, actor.auth.tenantId),
          deliveries: new DynamoDeliveryLog(table, actor.auth.tenantId),
          cipher: createFieldCipher(keyring, actor.auth.tenantId),
          sender: webhookSender,
          clock,
        },
        actor,
      ),
    behaviourFor: (key, request) =>
      createBehaviourService(
        { behaviour: new DynamoBehaviourRepository(table, key.tenantId), cipher: createFieldCipher(keyring, key.tenantId), auditLog, clock },
        key,
        request,
      ),
    ticketsFor: (actor) =>
      createTicketService(
        {
          tickets: new DynamoTicketRepository(table, actor.auth.tenantId),
          contacts: new DynamoContactRepository(table, actor.auth.tenantId),
          memberships: membershipRepository(actor.auth.tenantId),
          cipher: createFieldCipher(keyring, actor.auth.tenantId),
          auditLog,
          mailer,
          clock,
          appUrl: env.APP_URL,
          onMailFailure: (error) => logger.error('A satisfaction survey email could not be sent', { error: error as Error }),
        },
        actor,
      ),
    answerSurvey: (token, input, request) =>
      answerSurvey(
        (tenantId) => ({ tickets: new DynamoTicketRepository(table, tenantId), cipher: createFieldCipher(keyring, tenantId), clock }),
        token,
        input,
        request,
      ),
    ...(auditArchive ? { auditArchive } : {}),
    importsFor: (actor) => createImportService(importDeps(actor.auth.tenantId), actor),
    importWorkerFor: importDeps,
    insightsFor: (actor) =>
      createInsightsService({ ...insightsWorkerDeps(actor.auth.tenantId), contacts: new DynamoContactRepository(table, actor.auth.tenantId) }, actor),
    insightsWorkerFor: insightsWorkerDeps,
    insightsSchedule: () => ({
      tenants: new DynamoInsightsTenantListing(table),
      jobsFor: (tenantId) => new DynamoInsightsJobRepository(table, tenantId),
      queue: insightsQueue(),
      clock,
    }),
    tenantAdminFor: (actor) =>
      createTenantAdminService(
        {
          tenants,
          memberships: membershipRepository(actor.auth.tenantId),
          keys: keyring,
          eraser: new DynamoTenantEraser(table),
          identity,
          auditLog,
          clock,
          backupRetentionDays: BACKUP_RETENTION_DAYS,
        },
        actor,
      ),
    segmentsFor,
    campaignsFor: (actor) => createCampaignService({ campaigns: new DynamoCampaignRepository(table, actor.auth.tenantId), segments: segmentsFor(actor), clock }, actor),
    analyticsFor: (actor) => createAnalyticsService({ reader: new DynamoAnalyticsStore({ ...table, clock }), clock }, actor),
    pipelinesFor: (actor) => createPipelineService({ pipelines: new DynamoPipelineRepository(table, actor.auth.tenantId), clock }, actor),
    dealsFor: (actor) =>
      createDealService(
        {
          deals: new DynamoDealRepository(table, actor.auth.tenantId),
          pipelines: createPipelineService({ pipelines: new DynamoPipelineRepository(table, actor.auth.tenantId), clock }, actor),
          contacts: new DynamoContactRepository(table, actor.auth.tenantId),
          companies: new DynamoCompanyRepository(table, actor.auth.tenantId),
          memberships: membershipRepository(actor.auth.tenantId),
          clock,
        },
        actor,
      ),
    reminders,
    taskReminders,
    tasksFor: (actor) =>
      createTaskService(
        {
          tasks: new DynamoTaskRepository(table, actor.auth.tenantId),
          contacts: new DynamoContactRepository(table, actor.auth.tenantId),
          assignees: new DynamoAssigneeDirectory(table, actor.auth.tenantId),
          reminders,
          cipher: createFieldCipher(keyring, actor.auth.tenantId),
          auditLog,
          clock,
        },
        actor,
      ),
  };
}

let current: Runtime | undefined;

/** The container's runtime, created at cold start from `process.env`. */
export function runtime(): Runtime {
  current ??= createRuntime(process.env);
  return current;
}
