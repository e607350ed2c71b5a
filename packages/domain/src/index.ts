export * from './errors';
export { hasPermission, type Actor, type AuthContext, type RequestMeta } from './shared/auth-context';
export { type Clock, systemClock } from './shared/clock';
export { LoadingCache, LoadSupersededError, type LoadingCacheOptions } from './shared/loading-cache';
export { newId, isId, ULID_PATTERN } from './shared/ids';
export { MAX_INSTANT_LENGTH } from './shared/text';
export type { Versioned } from './shared/versioned';

export { ALL_PERMISSIONS, PERMISSIONS, isPermission, type Permission } from './access/permissions';
export { BUILT_IN_ROLES, OWNER_ROLE, isBuiltInRole, type BuiltInRoleId } from './access/built-in-roles';
export type { CustomRole, Role } from './access/role';
export type { Audited, Invite, MembershipChange, MembershipRepository, RoleRepository } from './access/ports';
export { roleCreateSchema, rolePatchSchema, type RoleCreateInput, type RolePatchInput } from './access/role.schema';
export { assertCanGrant, builtInRoles, createRoleService, findRole, type RoleService } from './access/role.service';
export {
  acceptInviteSchema,
  inviteUserSchema,
  userPatchSchema,
  type AcceptInviteInput,
  type InviteUserInput,
  type UserPatchInput,
} from './access/user.schema';
export { createInviteAcceptance, createUserService, userView, type UserService } from './access/user.service';
export { INVITE_VALIDITY_DAYS, newInviteToken, parseInviteToken } from './access/invite-token';
export type { Mailer, MailMessage } from './notifications/mailer';

export type { Membership, MembershipStatus, Tenant } from './tenancy/membership';
export { PASSWORD_POLICY } from './tenancy/password-policy';
export {
  emailSchema,
  loginInputSchema,
  passwordSchema,
  refreshInputSchema,
  signupInputSchema,
  changePasswordInputSchema,
  logoutInputSchema,
  type ChangePasswordInput,
  type LogoutInput,
  type LoginInput,
  type RefreshInput,
  type SignupInput,
} from './tenancy/auth.schema';
export type { IdentityProvider, IdentityUser, SessionTokens, TenantRepository } from './tenancy/ports';
export { createSignupService, ORPHANED_IDENTITY_AGE_MS, type SignupService, type SignupResult } from './tenancy/signup.service';
export { createSessionService, signedOutBefore, type SessionService } from './tenancy/session.service';
export { WORKSPACE_LIMITS } from './tenancy/workspace-limits';
export { LOGIN_THROTTLE, loginEmailDigest, secondsToWait, waitAfter, type LoginAttemptStore, type LoginFailures } from './tenancy/login-throttle';
export {
  RATE_COUNTER_SHARDS,
  RATE_LIMITS,
  createRateLimiter,
  shareOf,
  type RateCounter,
  type RateLimiter,
  type RateLimitPolicy,
  type RateLimits,
  type RateLimitState,
  type RateSubject,
  type WindowCounts,
} from './tenancy/rate-limits';

export { PERSONAL_FIELDS, type Contact, type ContactLookup, type PersonalField, type StoredContact } from './contacts/contact';
export {
  COMPLETENESS_FIELDS,
  COMPLETENESS_WEIGHTS,
  completenessDelta,
  completenessOf,
  completenessReport,
  type CompletenessField,
  type CompletenessTotals,
} from './contacts/contact-completeness';
export {
  createCompletenessProjector,
  type CompletenessBatch,
  type CompletenessProjector,
  type CompletenessTotalsStore,
} from './contacts/completeness-projection';
export { comparableName, nameBlockingKey } from './contacts/contact-normalisation';
export { normalisePhone, PHONE_NEEDS_COUNTRY_CODE, PHONE_NOT_VALID } from './contacts/phone';
export { usePhoneParser, type PhoneParser } from './contacts/phone-parser';
export {
  MERGE_FIELDS,
  MERGE_UNDO_DAYS,
  mergeProfiles,
  type MergeChoice,
  type MergeField,
  type MergePlan,
  type MergeRecord,
  type MergeStatus,
  type StoredMerge,
  type UndoPlan,
} from './contacts/contact-merge';
export { contactMergeSchema, type ContactMergeInput } from './contacts/contact-merge.schema';
export { scoreDuplicate, type ComparableContact, type DuplicateCandidate, type DuplicateReason } from './contacts/contact-similarity';
export {
  contactCreateSchema,
  contactPatchSchema,
  phoneSchema,
  type ContactCreateInput,
  type ContactPatchInput,
} from './contacts/contact.schema';
export type { ContactListFilter, ContactRepository, ExportFile, ExportFileStore, NameCandidate, Page } from './contacts/ports';
export {
  createContactExportService,
  CSV_TAG_SEPARATOR,
  EXPORT_FIELDS,
  EXPORT_FORMATS,
  EXPORT_PAGE_SIZE,
  type ContactExport,
  type ContactExportService,
  type ExportFormat,
} from './contacts/contact-export.service';
export { createContactService, MAX_DUPLICATE_CANDIDATES, type ContactService, type ContactView } from './contacts/contact.service';

export type { FieldCipher } from './privacy/field-cipher';
export { ERASED_KINDS, type DataSubjectStore, type ErasedCounts, type ErasedKind, type SubjectHoldings } from './privacy/data-subject';
export {
  createDataSubjectService,
  type DataSubjectService,
  type ErasureReceipt,
  type SubjectExport,
  type SubjectExportKind,
} from './privacy/data-subject.service';
export { maskDate, maskEmail, maskPhone, maskText, maskValue, type MaskKind } from './privacy/masking';

export {
  GENESIS_HASH,
  type AuditAction,
  type AuditContext,
  type AuditEntry,
  type AuditEvent,
  type ChainHead,
  type PendingAuditEvent,
} from './audit/audit-event';
export { chainAuditEvent, hashAuditEvent, isAuditEventIntact, pendingAuditEvent, pendingPart, sealAuditEvent } from './audit/audit-chain';
export { auditContextOf } from './audit/audit-context';
export type { AuditLog } from './audit/audit-log';
export {
  createTenantAdminService,
  type OffboardingReceipt,
  type TenantAdminService,
  type TenantEraser,
  type TenantKeys,
} from './tenancy/tenant-admin.service';

export { behaviourBatchSchema, behaviourEventSchema, ingestKeyCreateSchema, MAX_EVENTS_PER_BATCH, type BehaviourBatch, type BehaviourEventInput } from './behaviour/behaviour.schema';
export type { BehaviourRepository, IngestKey, IngestKeyLookup, IngestKeyRepository, StoredBehaviourEvent } from './behaviour/ports';
export { hashIngestSecret, newIngestSecret } from './behaviour/ingest-key';
export { createBehaviourService, type BehaviourService, type IngestResult } from './behaviour/behaviour.service';
export { createIngestKeyService, ingestKeyView } from './behaviour/ingest-key.service';

export { COMPANY_SIZES, LIFECYCLE_STAGES, snapshotOf, type Company, type CompanySize, type CompanySnapshot, type LifecycleStage } from './customers/company';
export { channelSchema, companyCreateSchema, companyPatchSchema, type CompanyCreateInput, type CompanyPatchInput } from './customers/company.schema';
export { createCompanyService, type CompanyService } from './customers/company.service';
export {
  DIRECTIONS,
  FEEDBACK_KINDS,
  INTERACTION_TYPES,
  RECORD_PERSONAL_FIELDS,
  SCORE_RANGES,
  type BehaviourDay,
  type CustomerRecordKind,
  type CustomerRecordOf,
  type Feedback,
  type Interaction,
  type Transaction,
  type TransactionLine,
} from './customers/customer-record';
export {
  feedbackCreateSchema,
  interactionCreateSchema,
  transactionCreateSchema,
  type FeedbackCreateInput,
  type InteractionCreateInput,
  type TransactionCreateInput,
} from './customers/customer-record.schema';
export { createCustomerRecordService, type CustomerRecordService } from './customers/customer-record.service';
export { VIEW_LIMITS, type BehaviourSummary, type Customer360 } from './customers/customer-360';
export type { CompanyRepository, ContactCollection, CustomerRecordRepository } from './customers/ports';
export type { CompanyLinkChange } from './contacts/ports';

export {
  FIELD_ENTITIES,
  FIELD_KEY_PATTERN,
  FIELD_TYPES,
  MAX_FIELD_DEFINITIONS,
  type CustomFieldValue,
  type CustomFieldValues,
  type FieldDefinition,
  type FieldEntity,
  type FieldType,
} from './fields/field-definition';
export { customFieldsInputSchema, fieldCreateSchema, fieldPatchSchema, type CustomFieldsInput, type FieldCreateInput, type FieldPatchInput } from './fields/field.schema';
export { fieldSetOf, type FieldSet } from './fields/field-set';
export {
  applyCustomFieldChanges,
  changedCustomFields,
  checkCustomFieldValues,
  type CheckOptions,
  type CustomFieldChanges,
  type CustomFieldIssue,
} from './fields/custom-values';
export { customFieldCodec, withCustomFields, type CustomFieldCodec } from './fields/custom-field-codec';
export type { FieldDefinitionRepository } from './fields/ports';
export { createFieldDefinitionService, type FieldDefinitionService } from './fields/field-definition.service';
export { enumOf, segmentFields } from './customers/segment.schema';

export {
  IMPORT_ENTITIES,
  IMPORT_STATUSES,
  MAX_ROW_ERRORS,
  type ImportEntity,
  type ImportJob,
  type ImportProgress,
  type ImportStatus,
  type RowError,
} from './imports/import-job';
export { importCreateSchema, importMappingSchema, type ImportCreateInput, type ImportMappingInput } from './imports/import.schema';
export { normaliseHeader, suggestMapping } from './imports/column-synonyms';
export { IMPORT_SPECS } from './imports/import-fields';
export type {
  BatchConflict,
  ChunkResult,
  ClaimedRecord,
  ImportChunk,
  ImportChunkMessage,
  ImportChunkQueue,
  ImportFileStore,
  ImportJobRepository,
  ImportRecord,
  ImportRowWriter,
  RowClaim,
} from './imports/ports';
export { createImportService, UPLOAD_URL_SECONDS, type ImportService, type ImportServiceDeps } from './imports/import.service';
export { readHeaders } from './imports/csv-rows';
export { DUPLICATE_FIELDS, runDryRunChunk, type DryRunReport, type DryRunWorkerDeps, type DuplicateField, type DuplicateRow } from './imports/dry-run';
export { DUPLICATE_ROW_FIELDS, type DuplicateRowField } from './imports/dry-run';
export { FUZZY_REASON } from './imports/fuzzy-duplicates';
export { CUSTOM_FIELD_TARGET, importSpecFor } from './imports/import-fields';
export type { SeenPerson } from './imports/ports';
export { DEFAULT_CHUNK_ROWS, IMPORT_CHUNK_CONCURRENCY, runImportChunk, type ChunkOutcome, type ImportWorkerDeps } from './imports/import-worker';
export { newTransaction } from './customers/customer-record.service';

export {
  DOMAIN_EVENT_OF_ACTION,
  DOMAIN_EVENT_TYPES,
  PUBLISHED_ACTIONS,
  domainEventOf,
  TEST_EVENT_TYPE,
  type DeliveredEvent,
  type TestEvent,
  type DomainEvent,
  type DomainEventType,
} from './webhooks/domain-events';
export {
  DELIVERY_LOG_DAYS,
  DELIVERY_TIMEOUT_MS,
  RETRY_DELAYS_SECONDS,
  newWebhookSecret,
  subscribesTo,
  type DeliveryAttempt,
  type DeliveryStatus,
  type StoredWebhook,
  type Webhook,
  type WebhookEventFilter,
  type WebhookRetry,
} from './webhooks/webhook';
export { hostOf, isLoopbackAddress, isPublicAddress, webhookUrlProblem, type WebhookUrlPolicy } from './webhooks/webhook-url';
export { webhookCreateSchema, webhookPatchSchema, webhookUrlSchema, type WebhookCreateInput, type WebhookPatchInput } from './webhooks/webhook.schema';
export type { DeliveryLog, EventPublisher, RetryScheduler, SendResult, WebhookRepository, WebhookSender } from './webhooks/ports';
export { createWebhookService, webhookSecretScope, webhookView, type WebhookService } from './webhooks/webhook.service';
export { createDeliveryService, sendSignedDelivery, type DeliveryService, type SendDeps } from './webhooks/delivery.service';
export { CampaignStateError, ConversionExistsError } from './errors';
export {
  BEHAVIOUR_FIELDS,
  MAX_RULE_CONDITIONS,
  MAX_RULE_DEPTH,
  RFM_FIELDS,
  RULE_OPERATORS,
  TEXT_PROFILE_FIELDS,
  conditionsOf,
  ruleSetSchema,
  type RuleCondition,
  type RuleNode,
  type RuleOperator,
} from './marketing/segment-rules';
export { compileRules, evaluateNode, type CompiledNode, type ContactFacts, type SegmentContact, type SegmentScores } from './marketing/segment-evaluation';
export { evaluateSegment, type EvaluationResult, type SegmentMatch } from './marketing/segment-evaluator';
export type { Segment } from './marketing/segment';
export { segmentCreateSchema, segmentPatchSchema, type SegmentCreateInput, type SegmentPatchInput } from './marketing/segment.schema';
export { MEMBER_SCAN_LIMIT, createSegmentService, type SegmentService } from './marketing/segment.service';
export { CAMPAIGN_CHANNELS, CAMPAIGN_STATUSES, type Campaign, type CampaignChannel, type CampaignConversion, type CampaignStatus } from './marketing/campaign';
export { campaignCreateSchema, campaignPatchSchema, conversionCreateSchema, performanceQuerySchema, type CampaignCreateInput, type CampaignPatchInput, type ConversionCreateInput } from './marketing/campaign.schema';
export { performanceByChannel, type ChannelPerformance } from './marketing/campaign-performance';
export { createCampaignService, type CampaignService } from './marketing/campaign.service';
export type { CampaignRepository, SegmentDataSource, SegmentRepository } from './marketing/ports';
export * from './analytics/index';
export { DEFAULT_PIPELINE_ID, defaultPipeline, type Pipeline, type Stage } from './sales/pipeline';
export { DEAL_STATUSES, dealSnapshotOf, type ContactDealSnapshot, type Deal, type DealStatus, type StageChange } from './sales/deal';
export {
  contactConvertSchema,
  dealCreateSchema,
  dealListFilterSchema,
  dealLostSchema,
  dealMoveSchema,
  dealPatchSchema,
  dealWonSchema,
  monthSchema,
  pipelineCreateSchema,
  pipelinePatchSchema,
  type ContactConvertInput,
  type DealCreateInput,
  type DealPatchInput,
  type PipelineCreateInput,
  type PipelinePatchInput,
} from './sales/sales.schema';
export { computeForecast, monthsBetween, type CurrencyForecast, type Forecast } from './sales/forecast';
export type { DealListOptions, DealRepository, LeadConversion, PipelineRepository } from './sales/ports';
export { createPipelineService, type PipelineService } from './sales/pipeline.service';
export { createDealService, MAX_FORECAST_MONTHS, type DealService } from './sales/deal.service';
export * from './tickets/ticket';
export * from './tickets/ticket.schema';
export * from './tickets/ports';
export * from './tickets/ticket.service';
export * from './tickets/survey.service';
export * from './tickets/complaint-desk';
export * from './insights/index';
export { TASK_PERSONAL_FIELDS, TASK_STATUSES, TASK_TYPES, type Task, type TaskReminder, type TaskStatus, type TaskType } from './tasks/task';
export {
  TASK_DUE_FILTERS,
  dueAtSchema,
  taskCreateSchema,
  taskListQuerySchema,
  taskPatchSchema,
  type TaskCreateInput,
  type TaskDueFilter,
  type TaskListQuery,
  type TaskPatchInput,
} from './tasks/task.schema';
export type { ArmedReminderIndex, AssigneeDirectory, ReminderScheduler, TaskListing, TaskRepository } from './tasks/ports';
export { todayIn } from './tasks/due-window';
export { createTaskService, type TaskService, type TaskServiceDeps, type TaskView } from './tasks/task.service';
export { createTaskReminderService, type TaskReminderService, type TaskReminderServiceDeps } from './tasks/task-reminder.service';
