import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { checkpointKey, createAuditTreeStore, LocalDigestSigner, merkle, type SignedCheckpoint } from '@rapport/audit';
import type { AuditEvent } from '@rapport/domain';
import canonicalize from 'canonicalize';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { joinAs } from '../support/api-client';
import { inviteTokenFor } from '../support/invitations';
import { useTestApi } from '../support/test-stack';

const stack = useTestApi({ auditPipeline: true });

/** The offline check exactly as `docs/audit-proofs.md` shows it, saved as its own file and run by a separate node process. */
const checkProofFile = (() => {
  const doc = readFileSync(join(import.meta.dirname, '../../docs/audit-proofs.md'), 'utf8');
  const snippet = /<!-- check-proof:start -->\s*```js\n([\s\S]*?)```\s*<!-- check-proof:end -->/.exec(doc)?.[1];
  if (!snippet) throw new Error('docs/audit-proofs.md has no check-proof snippet');
  const file = join(mkdtempSync(join(tmpdir(), 'audit-proof-')), 'check-proof.mjs');
  writeFileSync(file, snippet);
  return file;
})();
/** Run asynchronously: a blocking child would stall the in-process API server past its keep-alive timeout and reset the next request. */
const checkOffline = (proof: unknown) =>
  new Promise<string>((resolve, reject) => {
    const child = execFile(process.execPath, [checkProofFile], { encoding: 'utf8' }, (error, stdout) => (error ? reject(error) : resolve(stdout.trim())));
    child.stdin!.end(JSON.stringify(proof));
  });

const period = () => ({ from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date(Date.now() + 60_000).toISOString() });

async function events(token: string): Promise<AuditEvent[]> {
  const listed = await stack.api.request('GET', '/v1/audit/events?limit=200', { token });
  return (listed.body.items as AuditEvent[]).reverse();
}

async function createContacts(token: string, names: string[]) {
  for (const firstName of names) await stack.api.request('POST', '/v1/contacts', { token, body: { firstName } });
  await stack.audit!.drain();
}

async function checkpointRun() {
  await stack.audit!.writeDigests();
}

const verifyAudit = (token: string) => stack.api.request('POST', '/v1/audit/verify', { token, body: period() });

describe('inclusion proofs of audit events', () => {
  let tenant: Awaited<ReturnType<typeof stack.api.newTenant>>;
  let trail: AuditEvent[];

  beforeAll(async () => {
    tenant = await stack.api.newTenant();
    await createContacts(tenant.token, ['Ada', 'Brook', 'Cleo']);
    await checkpointRun();
    await createContacts(tenant.token, ['Dana', 'Eli']);
    await checkpointRun();
    trail = await events(tenant.token);
  });

  it('proves every event against the latest signed checkpoint, checkable offline with the documented snippet', async () => {
    for (const event of [trail[0]!, trail[3]!, trail.at(-1)!]) {
      // Act
      const response = await stack.api.request('GET', `/v1/audit/events/${event.eventId}/proof`, { token: tenant.token });

      // Assess
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      expect(response.body).toMatchObject({ seq: event.seq, leafIndex: event.seq - 1, treeSize: trail.length, event: { eventId: event.eventId, hash: event.hash } });
      expect(response.body.checkpoint).toMatchObject({ tenantId: tenant.tenantId, treeSize: trail.length });
      expect(await checkOffline(response.body)).toBe('true');
    }
  });

  it('fails offline for an altered event, an altered path or another checkpoint', async () => {
    // Prepare
    const proof = (await stack.api.request('GET', `/v1/audit/events/${trail[2]!.eventId}/proof`, { token: tenant.token })).body;

    // Act + Assess: the event's action changed, and its hash recomputed to match, so only the tree can tell.
    const altered = { ...proof.event, action: 'contact.deleted' };
    const { hash: _hash, ...content } = altered;
    const rehashed = { ...altered, hash: createHash('sha256').update(canonicalize(content)!).digest('hex') };
    expect(await checkOffline({ ...proof, event: altered })).toBe('false');
    expect(await checkOffline({ ...proof, event: rehashed })).toBe('false');
    expect(await checkOffline({ ...proof, inclusionPath: [...proof.inclusionPath.slice(1), proof.inclusionPath[0]] })).toBe('false');
    expect(await checkOffline({ ...proof, checkpoint: { ...proof.checkpoint, rootHash: merkle.emptyRoot().toString('hex') } })).toBe('false');
    expect(await checkOffline(proof)).toBe('true');
  });

  it('lists the signed checkpoints newest first, in pages, and proves the later extends the earlier', async () => {
    // Act
    const all = await stack.api.request('GET', '/v1/audit/checkpoints', { token: tenant.token });
    const first = await stack.api.request('GET', '/v1/audit/checkpoints?limit=1', { token: tenant.token });
    const second = await stack.api.request('GET', `/v1/audit/checkpoints?limit=1&cursor=${first.body.nextCursor}`, { token: tenant.token });

    // Assess
    expect(all.status).toBe(200);
    const sizes = all.body.items.map((item: { checkpoint: SignedCheckpoint }) => item.checkpoint.treeSize);
    expect(sizes).toHaveLength(2);
    expect(sizes[0]).toBe(trail.length);
    expect(sizes[0]).toBeGreaterThan(sizes[1]);
    expect([...first.body.items, ...second.body.items]).toEqual(all.body.items);
    expect(second.body.nextCursor).toBeNull();
    const [newer, older] = all.body.items as Array<{ checkpoint: SignedCheckpoint }>;
    expect(newer!.checkpoint.previousCheckpoint?.key).toBe(checkpointKey(tenant.tenantId, older!.checkpoint.treeSize));

    // Act: the consistency proof between them.
    const consistency = await stack.api.request('GET', `/v1/audit/checkpoints/consistency?from=${sizes[1]}&to=${sizes[0]}`, { token: tenant.token });

    // Assess
    expect(consistency.status, JSON.stringify(consistency.body)).toBe(200);
    const proof = (consistency.body.proof as string[]).map((hex) => Buffer.from(hex, 'hex'));
    const [to, from] = [newer!.checkpoint, older!.checkpoint];
    expect(merkle.verifyConsistency(from.treeSize, to.treeSize, Buffer.from(from.rootHash, 'hex'), Buffer.from(to.rootHash, 'hex'), proof)).toBe(true);
    expect(merkle.verifyConsistency(from.treeSize, to.treeSize, Buffer.from(from.rootHash, 'hex'), merkle.emptyRoot(), proof)).toBe(false);
  });

  it('refuses a consistency proof between what are not checkpoints, or backwards', async () => {
    const notCheckpoints = await stack.api.request('GET', `/v1/audit/checkpoints/consistency?from=1&to=2`, { token: tenant.token });
    const backwards = await stack.api.request('GET', `/v1/audit/checkpoints/consistency?from=5&to=2`, { token: tenant.token });
    const notANumber = await stack.api.request('GET', `/v1/audit/checkpoints/consistency?from=one&to=2`, { token: tenant.token });

    expect(notCheckpoints.status).toBe(404);
    expect(backwards.status).toBe(400);
    expect(JSON.stringify(backwards.body)).toContain('query.from');
    expect(notANumber.status).toBe(400);
  });

  it('answers 409 for an event no checkpoint covers yet, and a proof after the next run', async () => {
    // Prepare: a change archived but not checkpointed.
    await createContacts(tenant.token, ['Late']);
    const late = (await events(tenant.token)).at(-1)!;

    // Act
    const pending = await stack.api.request('GET', `/v1/audit/events/${late.eventId}/proof`, { token: tenant.token });
    await checkpointRun();
    const proven = await stack.api.request('GET', `/v1/audit/events/${late.eventId}/proof`, { token: tenant.token });

    // Assess
    expect(pending.status).toBe(409);
    expect(pending.body.error.code).toBe('AUDIT_EVENT_PENDING');
    expect(proven.status).toBe(200);
    expect(await checkOffline(proven.body)).toBe('true');
  });

  it("answers 404 for an unknown id and for another tenant's event, 400 for what is no id", async () => {
    // Prepare
    const other = await stack.api.newTenant();
    await createContacts(other.token, ['Other']);
    await checkpointRun();
    const theirs = (await events(other.token)).at(-1)!;

    // Act
    const crossTenant = await stack.api.request('GET', `/v1/audit/events/${theirs.eventId}/proof`, { token: tenant.token });
    const unknown = await stack.api.request('GET', '/v1/audit/events/01ARZ3NDEKTSV4RRFFQ69G5FAV/proof', { token: tenant.token });
    const malformed = await stack.api.request('GET', '/v1/audit/events/not-an-id/proof', { token: tenant.token });
    const own = await stack.api.request('GET', `/v1/audit/events/${theirs.eventId}/proof`, { token: other.token });

    // Assess
    expect(crossTenant.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(malformed.status).toBe(400);
    expect(own.status).toBe(200);
    expect((await stack.api.request('GET', '/v1/audit/checkpoints', { token: tenant.token })).body.items.every((item: { checkpoint: SignedCheckpoint }) => item.checkpoint.tenantId === tenant.tenantId)).toBe(true);
  });

  it('is only for audit:read holders', async () => {
    // Prepare
    const auditor = await joinAs(stack.api, tenant.token, stack.mailDir, 'compliance_auditor', inviteTokenFor);
    const rep = await joinAs(stack.api, tenant.token, stack.mailDir, 'sales_rep', inviteTokenFor);
    const path = `/v1/audit/events/${trail[0]!.eventId}/proof`;

    // Act + Assess
    expect((await stack.api.request('GET', path, { token: auditor.token })).status).toBe(200);
    expect((await stack.api.request('GET', path, { token: rep.token })).status).toBe(403);
    expect((await stack.api.request('GET', '/v1/audit/checkpoints', { token: rep.token })).status).toBe(403);
    expect((await stack.api.request('GET', '/v1/audit/checkpoints/consistency?from=1&to=1', { token: rep.token })).status).toBe(403);
  });

  it('verifies the checkpoints of an untouched trail', async () => {
    const result = await verifyAudit(tenant.token);

    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ ok: true, problems: [] });
    expect(result.body.checked.checkpoints).toBeGreaterThanOrEqual(2);
  });
});

describe('tampering with checkpoints', () => {
  /** A tenant with three checkpoints; their keys, oldest first. */
  async function tenantWithCheckpoints() {
    const tenant = await stack.api.newTenant();
    for (const name of ['One', 'Two', 'Three']) {
      await createContacts(tenant.token, [name]);
      await checkpointRun();
    }
    const listed = await stack.api.request('GET', '/v1/audit/checkpoints', { token: tenant.token });
    const keys = (listed.body.items as Array<{ key: string }>).map((item) => item.key).reverse();
    expect(keys).toHaveLength(3);
    return { tenant, keys };
  }

  const problemsOf = async (token: string) => {
    const result = await verifyAudit(token);
    expect(result.status).toBe(200);
    expect(result.body.ok).toBe(false);
    return result.body.problems as Array<{ kind: string; object?: string; detail: string }>;
  };

  it('names a dropped checkpoint, in the middle or the latest', async () => {
    // Prepare
    const { tenant, keys } = await tenantWithCheckpoints();

    // Act: the middle one first, then the latest too.
    await stack.s3.send(new DeleteObjectCommand({ Bucket: stack.auditBucket, Key: keys[1]! }));
    const middleDropped = await problemsOf(tenant.token);
    await stack.s3.send(new DeleteObjectCommand({ Bucket: stack.auditBucket, Key: keys[2]! }));
    const bothDropped = await problemsOf(tenant.token);

    // Assess
    expect(middleDropped).toContainEqual(expect.objectContaining({ kind: 'checkpoint_chain_broken', object: keys[1], detail: `the checkpoint is missing: ${keys[2]} links to it` }));
    expect(middleDropped.every((problem) => problem.object === keys[1])).toBe(true);
    expect(bothDropped).toContainEqual(expect.objectContaining({ kind: 'checkpoint_chain_broken', object: keys[1], detail: 'the checkpoint is missing from the archive, though the table records it' }));
    expect(bothDropped).toContainEqual(expect.objectContaining({ kind: 'checkpoint_chain_broken', object: keys[2], detail: 'the latest checkpoint the table records is missing' }));
  });

  it('names an altered checkpoint', async () => {
    // Prepare
    const { tenant, keys } = await tenantWithCheckpoints();
    const stored = await stack.s3.send(new GetObjectCommand({ Bucket: stack.auditBucket, Key: keys[1]! }));
    const checkpoint = JSON.parse(await stored.Body!.transformToString()) as SignedCheckpoint;

    // Act: another root under the old signature.
    await stack.s3.send(new PutObjectCommand({ Bucket: stack.auditBucket, Key: keys[1]!, Body: JSON.stringify({ ...checkpoint, rootHash: merkle.emptyRoot().toString('hex') }) }));
    const problems = await problemsOf(tenant.token);

    // Assess
    expect(problems).toContainEqual(expect.objectContaining({ kind: 'checkpoint_invalid', object: keys[1], detail: 'its signature does not verify' }));
  });

  it('names a signed checkpoint whose tree does not extend the one before it', async () => {
    // Prepare: a fork, signed with the real key by whoever holds it, linked properly, recorded as the latest.
    const { tenant, keys } = await tenantWithCheckpoints();
    const tree = createAuditTreeStore({ documents: stack.documents, tableName: stack.tableName });
    const head = (await tree.head(tenant.tenantId))!;
    const signer = new LocalDigestSigner({ keyFile: process.env.AUDIT_SIGNING_KEY_FILE! });
    const treeSize = head.size;
    const body = {
      version: 1 as const,
      tenantId: tenant.tenantId,
      treeSize: treeSize + 1,
      rootHash: createHash('sha256').update('a history that never was').digest('hex'),
      createdAt: new Date().toISOString(),
      previousCheckpoint: { key: head.checkpoint.key, sha256: head.checkpoint.sha256 },
    };
    const forged: SignedCheckpoint = { ...body, signature: { algorithm: signer.algorithm, keyId: signer.keyId, value: (await signer.sign(Buffer.from(canonicalize(body)!))).toString('base64') } };
    const bytes = Buffer.from(`${canonicalize(forged)!}\n`);
    const forgedKey = checkpointKey(tenant.tenantId, treeSize + 1);

    // Act
    await stack.s3.send(new PutObjectCommand({ Bucket: stack.auditBucket, Key: forgedKey, Body: bytes }));
    await tree.commitCheckpoint(tenant.tenantId, { key: forgedKey, sha256: createHash('sha256').update(bytes).digest('hex'), checkpoint: forged }, head);
    const problems = await problemsOf(tenant.token);

    // Assess
    expect(keys.at(-1)).toBe(head.checkpoint.key);
    expect(problems).toContainEqual(expect.objectContaining({ kind: 'checkpoint_inconsistent', object: forgedKey }));
    expect(problems).toContainEqual(expect.objectContaining({ kind: 'checkpoint_root_mismatch', object: forgedKey }));
  });

  it('names a checkpoint whose root the archived events no longer give', async () => {
    // Prepare
    const { tenant, keys } = await tenantWithCheckpoints();
    const objectKey = (await firstObjectKey(tenant.tenantId))!;
    const archived = await stack.s3.send(new GetObjectCommand({ Bucket: stack.auditBucket, Key: objectKey }));
    const lines = gunzipSync(Buffer.from(await archived.Body!.transformToByteArray())).toString('utf8').trim().split('\n');
    const event = JSON.parse(lines[0]!) as AuditEvent;
    const { hash: _hash, ...content } = { ...event, action: 'contact.deleted' };
    lines[0] = canonicalize({ ...content, hash: createHash('sha256').update(canonicalize(content)!).digest('hex') })!;

    // Act: the first event rewritten with a matching hash of its own.
    await stack.s3.send(new PutObjectCommand({ Bucket: stack.auditBucket, Key: objectKey, Body: gzipSync(`${lines.join('\n')}\n`) }));
    const problems = await problemsOf(tenant.token);

    // Assess
    expect(problems).toContainEqual(expect.objectContaining({ kind: 'checkpoint_root_mismatch', object: keys.at(-1) }));
  });
});

async function firstObjectKey(tenantId: string): Promise<string | undefined> {
  const listed = await stack.s3.send(new ListObjectsV2Command({ Bucket: stack.auditBucket, Prefix: `events/tenant=${tenantId}/` }));
  return (listed.Contents ?? []).map((object) => object.Key!).sort()[0];
}
