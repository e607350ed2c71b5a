import { RATE_COUNTER_SHARDS, RATE_LIMITS, type RateLimits } from '@rapport/domain';
import * as z from 'zod';

const rateLimit = z.coerce.number().int().min(RATE_COUNTER_SHARDS).max(1_000_000).optional();

/**
 * Configuration from the function's environment, set by the CDK stacks in AWS and by the local
 * stack locally. Endpoints of local engines come from the SDK's own `AWS_ENDPOINT_URL_<SERVICE>`
 * variables, so nothing here knows whether it runs in AWS. Where AWS and local differ (KMS or a
 * local master key, SES or a mail folder), exactly one of each pair is set.
 */
const environmentSchema = z
  .object({
    TABLE_NAME: z.string().min(1),
    USER_POOL_ID: z.string().min(1),
    USER_POOL_CLIENT_ID: z.string().min(1),
    AWS_REGION: z.string().min(1).default('us-east-1'),
    /** `off` only where the user pool has no AdminUserGlobalSignOut (cognito-local). */
    USER_POOL_GLOBAL_SIGN_OUT: z.enum(['on', 'off']).default('on'),
    /** Only where the issuer is not Cognito's own (cognito-local). */
    TOKEN_ISSUER: z.url().optional(),
    /** The KMS key that wraps tenant data keys (AWS)… */
    FIELD_KEY_ID: z.string().min(1).optional(),
    /** …or the local master key file (local mode). */
    LOCAL_MASTER_KEY_FILE: z.string().min(1).optional(),
    MAIL_FROM: z.string().min(3).default('Rapport <no-reply@rapport.local>'),
    /** Local mode writes mail here as .eml files instead of sending it through SES. */
    MAIL_DIRECTORY: z.string().min(1).optional(),
    APP_URL: z.url().default('http://localhost:3000'),
    AUDIT_BUCKET: z.string().min(1).optional(),
    AUDIT_SIGNING_KEY_ID: z.string().min(1).optional(),
    AUDIT_SIGNING_KEY_FILE: z.string().min(1).optional(),
    /** Where uploaded import files go, and the queue of import chunks the worker takes. */
    IMPORT_BUCKET: z.string().min(1).optional(),
    IMPORT_QUEUE_URL: z.url().optional(),
    /** Rows the import worker takes per invocation (tests make it small). */
    IMPORT_CHUNK_ROWS: z.coerce.number().int().min(1).max(10_000).optional(),
    /**
     * Where webhooks may point: `public` (https to public addresses; AWS) unless the local stack
     * says `local` (also http to loopback, where a developer's receiver runs).
     */
    WEBHOOK_URL_POLICY: z.enum(['public', 'local']).default('public'),
    /** Where contact exports are written, to be downloaded through presigned links. */
    EXPORTS_BUCKET: z.string().min(1).optional(),
    /** Contacts an export reads per query (lowered only to exercise paging on a few contacts). */
    EXPORT_PAGE_SIZE: z.coerce.number().int().min(1).max(1000).optional(),
    /** The queue of insights runs (one message per chunk of a tenant's run) the insights worker takes. */
    INSIGHTS_QUEUE_URL: z.url().optional(),
    /** Contacts the insights worker takes per invocation (tests make it small). */
    INSIGHTS_CHUNK_SIZE: z.coerce.number().int().min(1).max(5000).optional(),
    /**
     * Task reminders as EventBridge Scheduler schedules (AWS): the stage's group, the fire-reminder
     * function and the role Scheduler invokes it with. Unset (local mode): reminders are timers in
     * this process.
     */
    REMINDER_SCHEDULE_GROUP: z.string().min(1).optional(),
    REMINDER_TARGET_ARN: z.string().min(1).optional(),
    REMINDER_ROLE_ARN: z.string().min(1).optional(),
    /**
     * The rate limits, when not the published ones (`RATE_LIMITS`): tests make them small, the
     * benchmarks large. At least one request per counter shard.
     */
    RATE_LIMIT_WORKSPACE_BURST: rateLimit,
    RATE_LIMIT_WORKSPACE_PER_MINUTE: rateLimit,
    RATE_LIMIT_INGEST_KEY_BURST: rateLimit,
    RATE_LIMIT_INGEST_KEY_PER_MINUTE: rateLimit,
  })
  .refine((env) => Boolean(env.FIELD_KEY_ID) !== Boolean(env.LOCAL_MASTER_KEY_FILE), {
    message: 'set exactly one of FIELD_KEY_ID (AWS KMS) and LOCAL_MASTER_KEY_FILE (local mode)',
  });

export type Environment = z.infer<typeof environmentSchema>;

export function readEnvironment(environment: NodeJS.ProcessEnv): Environment {
  return environmentSchema.parse(environment);
}

/** The rate limits in force: the published ones, each unless the environment sets another. */
export function rateLimitsOf(env: Environment): RateLimits {
  return {
    workspace: {
      burstPerSecond: env.RATE_LIMIT_WORKSPACE_BURST ?? RATE_LIMITS.workspace.burstPerSecond,
      perMinute: env.RATE_LIMIT_WORKSPACE_PER_MINUTE ?? RATE_LIMITS.workspace.perMinute,
    },
    ingestKey: {
      burstPerSecond: env.RATE_LIMIT_INGEST_KEY_BURST ?? RATE_LIMITS.ingestKey.burstPerSecond,
      perMinute: env.RATE_LIMIT_INGEST_KEY_PER_MINUTE ?? RATE_LIMITS.ingestKey.perMinute,
    },
  };
}
