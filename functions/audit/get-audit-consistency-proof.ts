import { createAuditProofs } from '@rapport/audit';
import { NotFoundError } from '@rapport/domain';
import { auditConsistencyQuery, createHttpHandler, ok, auditEndpoints } from '@rapport/http';
import { auditRuntime, type AuditRuntime } from '../shared/runtime/audit';
import { archiveOf } from './audit-http';

/** A consistency proof (RFC 9162) that the checkpoint at `to` events extends the one at `from`; both must be checkpoints. */
export const createGetAuditConsistencyProofHandler = (rt: AuditRuntime) =>
  createHttpHandler(rt, auditEndpoints.getAuditConsistencyProof, { query: auditConsistencyQuery }, async ({ query, actor }) => {
    const archive = archiveOf(rt);
    const proofs = createAuditProofs({ s3: archive.s3, bucket: archive.bucket, documents: rt.table.client, tableName: rt.table.tableName });
    const proof = await proofs.consistency(actor.auth.tenantId, query.from, query.to);
    if (!proof) throw new NotFoundError('Audit checkpoint', `${query.from}..${query.to}`);
    return ok(proof);
  });

export const handler = createGetAuditConsistencyProofHandler(auditRuntime());
