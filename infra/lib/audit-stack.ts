import { CHECKPOINTS_ROOT, DIGESTS_ROOT, EVENTS_ROOT } from '@rapport/audit';
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { ManagedPolicy, PolicyStatement, type IRole } from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { AuditArchive } from './audit/archive-bucket';
import { AuditArchiver } from './audit/archiver';
import { AuditQuery } from './audit/audit-query';
import { DigestWriter } from './audit/digest-writer';
import { DigestSigningKey } from './audit/signing-key';

export interface AuditStackProps extends StackProps {
  stage: string;
  /** The table whose stream carries the audit events, and which holds the chain's bookkeeping. */
  table: ITable;
}

/**
 * The tamper-evident audit trail beyond the table: the write-once archive every audit event is
 * copied to from the table stream, signed digests of it, and Athena over it for long periods.
 * Everything that holds evidence is retained on stack deletion; the archive cannot be deleted before
 * its lock ends.
 */
export class AuditStack extends Stack {
  readonly archive: AuditArchive;
  readonly signingKey: DigestSigningKey;
  readonly archiver: AuditArchiver;
  readonly digestWriter: DigestWriter;
  readonly query: AuditQuery;
  /**
   * Reading the archive as the API's audit routes do (list, get and decrypt events and digests, and
   * fetch the signing key's public half), as one customer-managed policy that the API attaches to
   * exactly the functions of routes declaring `access.auditArchive`.
   */
  readonly archiveReader: ManagedPolicy;

  constructor(scope: Construct, id: string, props: AuditStackProps) {
    super(scope, id, props);

    this.archive = new AuditArchive(this, 'Archive', { stage: props.stage });
    this.signingKey = new DigestSigningKey(this, 'DigestSigningKey', { stage: props.stage });
    this.archiver = new AuditArchiver(this, 'Archiver', { table: props.table, archive: this.archive });
    this.digestWriter = new DigestWriter(this, 'DigestWriter', { table: props.table, archive: this.archive, signingKey: this.signingKey });
    this.query = new AuditQuery(this, 'Query', { stage: props.stage, archive: this.archive });

    const prefixes = [EVENTS_ROOT, DIGESTS_ROOT, CHECKPOINTS_ROOT];
    this.archiveReader = new ManagedPolicy(this, 'ArchiveReader', {
      description: `Rapport ${props.stage}: read the audit archive, its digests and checkpoints, and the digest signing key's public half`,
      statements: [
        this.archive.listStatement(prefixes),
        ...this.archive.readStatements(prefixes),
        new PolicyStatement({ actions: ['kms:GetPublicKey'], resources: [this.signingKey.key.keyArn] }),
      ],
    });
    this.archive.acknowledgePrefixGrants(this.archiveReader, prefixes);

    new CfnOutput(this, 'ArchiveBucketName', { value: this.archive.bucket.bucketName, description: 'The Object Lock audit archive' });
    new CfnOutput(this, 'AuditWorkGroup', { value: this.query.workGroup.ref, description: 'Athena workgroup for queries over the archive' });
  }

  /** What an API route with `access.auditArchive` may do with the archive; see `archiveReader`. */
  grantArchiveRead(role: IRole): void {
    role.addManagedPolicy(this.archiveReader);
  }
}
