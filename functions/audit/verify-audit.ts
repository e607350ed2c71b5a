import { verifyAuditTrail } from '@rapport/audit';
import { auditEndpoints, auditVerifyBody, createHttpHandler, ok } from '@rapport/http';
import { auditRuntime, type AuditRuntime } from '../shared/runtime/audit';
import { archiveOf } from './audit-http';

/**
 * Recomputes the period's hash chain, object hashes and digest signatures from the archive, and
 * names every event or object that is missing, altered, reordered or inserted.
 */
export const createVerifyAuditHandler = (rt: AuditRuntime) =>
  createHttpHandler(rt, auditEndpoints.verifyAudit, { body: auditVerifyBody }, async ({ body, actor }) => {
    const archive = archiveOf(rt);
    return ok(
      await verifyAuditTrail({
        s3: archive.s3,
        bucket: archive.bucket,
        tenantId: actor.auth.tenantId,
        from: body.from,
        to: body.to,
        publicKeyPem: await archive.signer.publicKeyPem(),
      }),
    );
  });

export const handler = createVerifyAuditHandler(auditRuntime());
