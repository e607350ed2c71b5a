import type { RateLimits } from '@rapport/domain';
import { join } from 'node:path';
import type { Engines } from './engines';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './engines/running-engine';
import type { UserPoolIds } from './provision';

export interface FunctionEnvironmentOptions {
  engines: Pick<Engines, 'dynamodb' | 'cognito' | 's3'>;
  tableName: string;
  pool: UserPoolIds;
  /** Local state: the master key, the audit signing key and outgoing mail live under it. */
  dataDir: string;
  auditBucket: string;
  /** Where contact exports are written. */
  exportsBucket: string;
  /** Where invitation links point. */
  appUrl: string;
  /** The imports bucket and the local queue the import worker takes chunks from. */
  imports?: { bucket: string; queueUrl: string; sqsEndpoint: string; chunkRows?: number };
  /** The local queue of insights runs (on the same local SQS as imports). */
  insights?: { queueUrl: string; chunkSize?: number };
  /** Rate limits other than the published ones (tests make them small or out of the way); unset, the published ones apply. */
  rateLimits?: RateLimits;
}

/**
 * The environment the CDK api stack gives each function, pointed at the local engines. The AWS
 * SDK reads `AWS_ENDPOINT_URL_<SERVICE>` itself, so handler code is the same as in AWS.
 */
export function functionEnvironment({ engines, tableName, pool, dataDir, auditBucket, exportsBucket, appUrl, imports, insights, rateLimits }: FunctionEnvironmentOptions): Record<string, string> {
  return {
    TABLE_NAME: tableName,
    USER_POOL_ID: pool.userPoolId,
    USER_POOL_CLIENT_ID: pool.clientId,
    TOKEN_ISSUER: `${engines.cognito.endpoint}/${pool.userPoolId}`,
    // cognito-local has no AdminUserGlobalSignOut; a logout still ends every session in the API (signedOutAt).
    USER_POOL_GLOBAL_SIGN_OUT: 'off',
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: engines.dynamodb.endpoint,
    AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: engines.cognito.endpoint,
    AWS_ENDPOINT_URL_S3: engines.s3.endpoint,
    // Where AWS uses KMS and SES, local mode uses a master key file and a folder of .eml files.
    LOCAL_MASTER_KEY_FILE: join(dataDir, 'keys', 'master.key'),
    AUDIT_SIGNING_KEY_FILE: join(dataDir, 'keys', 'audit-signing.pem'),
    MAIL_DIRECTORY: join(dataDir, 'mail'),
    MAIL_FROM: 'Rapport <no-reply@rapport.local>',
    APP_URL: appUrl,
    AUDIT_BUCKET: auditBucket,
    EXPORTS_BUCKET: exportsBucket,
    ...(imports
      ? {
          IMPORT_BUCKET: imports.bucket,
          IMPORT_QUEUE_URL: imports.queueUrl,
          AWS_ENDPOINT_URL_SQS: imports.sqsEndpoint,
          ...(imports.chunkRows ? { IMPORT_CHUNK_ROWS: String(imports.chunkRows) } : {}),
        }
      : {}),
    ...(rateLimits
      ? {
          RATE_LIMIT_WORKSPACE_BURST: String(rateLimits.workspace.burstPerSecond),
          RATE_LIMIT_WORKSPACE_PER_MINUTE: String(rateLimits.workspace.perMinute),
          RATE_LIMIT_INGEST_KEY_BURST: String(rateLimits.ingestKey.burstPerSecond),
          RATE_LIMIT_INGEST_KEY_PER_MINUTE: String(rateLimits.ingestKey.perMinute),
        }
      : {}),
    ...(insights ? { INSIGHTS_QUEUE_URL: insights.queueUrl, ...(insights.chunkSize ? { INSIGHTS_CHUNK_SIZE: String(insights.chunkSize) } : {}) } : {}),
    // Locally a developer's receiver runs on this machine: http to loopback is allowed, nothing else private.
    WEBHOOK_URL_POLICY: 'local',
    POWERTOOLS_SERVICE_NAME: 'rapport',
    POWERTOOLS_TRACE_ENABLED: 'false',
    POWERTOOLS_METRICS_DISABLED: 'true',
  };
}
