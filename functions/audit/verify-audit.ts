import { verifyAuditTrail } from '@rapport/audit';
import { auditVerifyBody, createHttpHandler, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { archiveOf } from './audit-http';

/**
 * Recomputes the period's hash chain, object hashes and digest signatures from the archive, checks
 * them against what the table records as integrated, and names every event or object that is
 * missing, altered, reordered or inserted, and every event the integrator is late with.
 */
export const createVerifyAuditHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'verifyAudit', { body: auditVerifyBody }, async ({ body, actor }) => {
    const archive = archiveOf(rt);
    return ok(
      await verifyAuditTrail({
        s3: archive.s3,
        bucket: archive.bucket,
        documents: rt.table.client,
        tableName: rt.table.tableName,
        tenantId: actor.auth.tenantId,
        from: body.from,
        to: body.to,
        publicKeyPem: await archive.signer.publicKeyPem(),
        now: rt.clock.now(),
      }),
    );
  });

export const handler = createVerifyAuditHandler(runtime());
