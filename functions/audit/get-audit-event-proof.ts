import { createAuditProofs } from '@rapport/audit';
import { AuditEventPendingError, NotFoundError } from '@rapport/domain';
import { auditEventIdParams, createHttpHandler, ok, auditEndpoints } from '@rapport/http';
import { auditRuntime, type AuditRuntime } from '../shared/runtime/audit';
import { archiveOf } from './audit-http';

/**
 * An event's inclusion proof against the tenant's latest signed checkpoint, with the checkpoint and
 * the public key that verifies it: enough to check offline that the event, as shown, is in the log
 * the signature commits to (docs/audit-proofs.md).
 */
export const createGetAuditEventProofHandler = (rt: AuditRuntime) => {
  const proofsOf = () => {
    const archive = archiveOf(rt);
    return { archive, proofs: createAuditProofs({ s3: archive.s3, bucket: archive.bucket, documents: rt.table.client, tableName: rt.table.tableName }) };
  };
  return createHttpHandler(rt, auditEndpoints.getAuditEventProof, { params: auditEventIdParams }, async ({ params, actor }) => {
    const { archive, proofs } = proofsOf();
    const result = await proofs.eventProof(actor.auth.tenantId, params.id);
    if (result.found === 'none') throw new NotFoundError('Audit event', params.id);
    if (result.found === 'pending') throw new AuditEventPendingError(params.id, result.treeSize);
    return ok({ ...result.proof, publicKeyPem: await archive.signer.publicKeyPem() });
  });
};

export const handler = createGetAuditEventProofHandler(auditRuntime());
