import { KMSClient } from '@aws-sdk/client-kms';
import type { S3Client } from '@aws-sdk/client-s3';
import { KmsDigestSigner, LocalDigestSigner, type DigestSigner } from '@rapport/audit';
import { DynamoAuditEventStore } from '@rapport/data';
import { createCommonRuntime, oncePerContainer, type CommonRuntime } from './common';
import { createS3Client } from './s3';

/** The audit trail's routes: listing, verifying and exporting it. */
export interface AuditRuntime extends CommonRuntime {
  auditEvents: DynamoAuditEventStore;
  /** The S3 archive and the key that signs its digests; absent where no archive is configured. */
  auditArchive?: { s3: S3Client; bucket: string; signer: DigestSigner };
}

export function createAuditRuntime(environment: NodeJS.ProcessEnv): AuditRuntime {
  const common = createCommonRuntime(environment);
  const { env, table } = common;
  const auditArchive = env.AUDIT_BUCKET
    ? {
        s3: createS3Client(common),
        bucket: env.AUDIT_BUCKET,
        signer: env.AUDIT_SIGNING_KEY_ID
          ? new KmsDigestSigner({ client: new KMSClient({ region: env.AWS_REGION }), keyId: env.AUDIT_SIGNING_KEY_ID })
          : new LocalDigestSigner({ keyFile: env.AUDIT_SIGNING_KEY_FILE! }),
      }
    : undefined;
  return {
    ...common,
    auditEvents: new DynamoAuditEventStore(table),
    ...(auditArchive ? { auditArchive } : {}),
  };
}

export const auditRuntime = oncePerContainer(createAuditRuntime);
