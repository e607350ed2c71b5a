import { verifyAuditTrail, verifyCheckpoints } from '@rapport/audit';
import { auditEndpoints, auditVerifyBody, createHttpHandler, ok } from '@rapport/http';
import { auditRuntime, type AuditRuntime } from '../shared/runtime/audit';
import { archiveOf } from './audit-http';

/**
 * Recomputes the period's hash chain, object hashes and digest signatures from the archive, checks
 * them against what the table records as integrated, and checks the signed checkpoints of the
 * tenant's Merkle tree (links, consistency, roots against the archived events); names every event,
 * object or checkpoint that is missing, altered, reordered or inserted, and every event the
 * integrator is late with.
 */
export const createVerifyAuditHandler = (rt: AuditRuntime) =>
  createHttpHandler(rt, auditEndpoints.verifyAudit, { body: auditVerifyBody }, async ({ body, actor }) => {
    const archive = archiveOf(rt);
    const scope = { s3: archive.s3, bucket: archive.bucket, tenantId: actor.auth.tenantId, from: body.from, to: body.to, publicKeyPem: await archive.signer.publicKeyPem() };
    const table = { documents: rt.table.client, tableName: rt.table.tableName };
    const [trail, checkpoints] = await Promise.all([
      verifyAuditTrail({ ...scope, ...table, now: rt.clock.now() }),
      verifyCheckpoints({ ...scope, ...table }),
    ]);
    return ok({
      ...trail,
      ok: trail.ok && checkpoints.problems.length === 0,
      checked: { ...trail.checked, checkpoints: checkpoints.checkpoints },
      problems: [...trail.problems, ...checkpoints.problems],
    });
  });

export const handler = createVerifyAuditHandler(auditRuntime());
