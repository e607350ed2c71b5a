import { Logger } from '@aws-lambda-powertools/logger';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  createAuditArchiver,
  createDigestWriter,
  KmsDigestSigner,
  LocalDigestSigner,
  type AuditArchiver,
  type DigestSigner,
  type DigestWriter,
} from '@rapport/audit';
import * as z from 'zod';

/**
 * Configuration of the audit functions, from their environment: set by the CDK audit construct in
 * AWS and by the local stack locally. As for the HTTP functions, local engines are reached through
 * the SDK's own `AWS_ENDPOINT_URL_<SERVICE>` variables.
 */
const archiveEnvironmentSchema = z.object({
  TABLE_NAME: z.string().min(1),
  AUDIT_BUCKET: z.string().min(1),
  AWS_REGION: z.string().min(1).default('us-east-1'),
  /** Set only locally (s3rver), which needs path-style addressing. */
  AWS_ENDPOINT_URL_S3: z.url().optional(),
});

const digestEnvironmentSchema = archiveEnvironmentSchema
  .extend({
    /** The KMS signing key (ECC_NIST_P256, SIGN_VERIFY), by ARN: the signer in AWS. */
    AUDIT_SIGNING_KEY_ID: z.string().min(1).optional(),
    /** A local PEM key file (`.data/keys/audit-signing.pem`): the signer in the local stack. */
    AUDIT_SIGNING_KEY_FILE: z.string().min(1).optional(),
  })
  .refine((env) => (env.AUDIT_SIGNING_KEY_ID === undefined) !== (env.AUDIT_SIGNING_KEY_FILE === undefined), {
    message: 'Set exactly one of AUDIT_SIGNING_KEY_ID (KMS) and AUDIT_SIGNING_KEY_FILE (local)',
  });

interface BaseRuntime {
  logger: Logger;
  tracer: Tracer;
}

export interface ArchiveRuntime extends BaseRuntime {
  archiver: AuditArchiver;
}

export interface DigestRuntime extends BaseRuntime {
  digestWriter: DigestWriter;
  signer: DigestSigner;
}

function clients(env: z.infer<typeof archiveEnvironmentSchema>) {
  const logger = new Logger({ serviceName: 'rapport' });
  const tracer = new Tracer({ serviceName: 'rapport' });
  const dynamo = tracer.captureAWSv3Client(new DynamoDBClient({ region: env.AWS_REGION }));
  const s3 = tracer.captureAWSv3Client(
    new S3Client({ region: env.AWS_REGION, ...(env.AWS_ENDPOINT_URL_S3 === undefined ? {} : { forcePathStyle: true }) }),
  );
  return {
    logger,
    tracer,
    s3,
    documents: DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } }),
  };
}

export function createArchiveRuntime(environment: NodeJS.ProcessEnv): ArchiveRuntime {
  const env = archiveEnvironmentSchema.parse(environment);
  const { logger, tracer, s3, documents } = clients(env);
  return { logger, tracer, archiver: createAuditArchiver({ s3, bucket: env.AUDIT_BUCKET, documents, tableName: env.TABLE_NAME, logger }) };
}

export function createDigestRuntime(environment: NodeJS.ProcessEnv): DigestRuntime {
  const env = digestEnvironmentSchema.parse(environment);
  const { logger, tracer, s3, documents } = clients(env);
  const signer: DigestSigner = env.AUDIT_SIGNING_KEY_ID
    ? new KmsDigestSigner({ client: tracer.captureAWSv3Client(new KMSClient({ region: env.AWS_REGION })), keyId: env.AUDIT_SIGNING_KEY_ID })
    : new LocalDigestSigner({ keyFile: env.AUDIT_SIGNING_KEY_FILE! });
  return {
    logger,
    tracer,
    signer,
    digestWriter: createDigestWriter({ s3, bucket: env.AUDIT_BUCKET, documents, tableName: env.TABLE_NAME, signer, logger }),
  };
}

let archive: ArchiveRuntime | undefined;
let digest: DigestRuntime | undefined;

/** The archive function's runtime, created at cold start from `process.env`. */
export function archiveRuntime(): ArchiveRuntime {
  archive ??= createArchiveRuntime(process.env);
  return archive;
}

/** The digest function's runtime, created at cold start from `process.env`. */
export function digestRuntime(): DigestRuntime {
  digest ??= createDigestRuntime(process.env);
  return digest;
}
