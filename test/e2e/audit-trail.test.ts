import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, DeleteObjectCommand } from '@aws-sdk/client-s3';
import { encodeEventLines, eventsObjectKey } from '@rapport/audit';
import { sealAuditEvent, type AuditEvent } from '@rapport/domain';
import { createHash, verify } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import canonicalize from 'canonicalize';
import { beforeAll, describe, expect, it } from 'vitest';
import { joinAs } from '../support/api-client';
import { auditEventsInTable } from '../support/audit-items';
import { inviteTokenFor } from '../support/invitations';
import { useTestApi } from '../support/test-stack';

const stack = useTestApi({ auditPipeline: true });

async function archivedObjects(tenantId: string) {
  const listed = await stack.s3.send(new ListObjectsV2Command({ Bucket: stack.auditBucket, Prefix: `events/tenant=${tenantId}/` }));
  return (listed.Contents ?? []).map((object) => object.Key!).sort();
}

async function archivedEvents(tenantId: string): Promise<AuditEvent[]> {
  const events: AuditEvent[] = [];
  for (const key of await archivedObjects(tenantId)) {
    const object = await stack.s3.send(new GetObjectCommand({ Bucket: stack.auditBucket, Key: key }));
    const text = gunzipSync(Buffer.from(await object.Body!.transformToByteArray())).toString('utf8');
    events.push(...text.trim().split('\n').map((line) => JSON.parse(line) as AuditEvent));
  }
  return events.sort((a, b) => a.seq - b.seq);
}

const tableEvents = (tenantId: string) => auditEventsInTable(stack.documents, stack.tableName, tenantId);

const period = () => ({ from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date(Date.now() + 60_000).toISOString() });

describe('the audit trail', () => {
  let tenant: Awaited<ReturnType<typeof stack.api.newTenant>>;
  let contactId: string;

  beforeAll(async () => {
    tenant = await stack.api.newTenant();
    contactId = (await stack.api.request('POST', '/v1/contacts', { token: tenant.token, body: { firstName: 'Audited', email: 'audited.person@example.com' } })).body.id;
    await stack.api.request('PATCH', `/v1/contacts/${contactId}`, { token: tenant.token, body: { title: 'Changed' } });
    await stack.api.request('POST', '/v1/roles', { token: tenant.token, body: { name: 'Auditors of things', permissions: ['audit:read'] } });
    const doomed = (await stack.api.request('POST', '/v1/contacts', { token: tenant.token, body: { firstName: 'Doomed' } })).body.id;
    await stack.api.request('DELETE', `/v1/contacts/${doomed}`, { token: tenant.token });
    await stack.audit!.drain();
    await stack.audit!.writeDigests();
  });

  it('archives every event exactly once, in order, as the table has it', async () => {
    const archived = await archivedEvents(tenant.tenantId);
    const inTable = await tableEvents(tenant.tenantId);

    expect(archived.map((event) => event.seq)).toEqual(inTable.map((item) => item.seq));
    expect(archived.map((event) => event.action)).toEqual([
      'tenant.created',
      'auth.login',
      'contact.created',
      'contact.updated',
      'role.created',
      'contact.created',
      'contact.deleted',
    ]);
    expect(archived.find((event) => event.action === 'contact.updated')).toMatchObject({
      target: { type: 'contact', id: contactId },
      changedFields: ['title'],
      actor: { userId: tenant.userId, role: 'owner' },
      requestId: expect.any(String),
      sourceIp: expect.any(String),
    });
    expect(JSON.stringify(archived)).not.toContain('audited.person@example.com');
  });

  it('lists events filtered by action, actor and target, newest first, in pages', async () => {
    const byAction = await stack.api.request('GET', '/v1/audit/events?action=contact.created', { token: tenant.token });
    const byTarget = await stack.api.request('GET', `/v1/audit/events?target=${contactId}`, { token: tenant.token });
    const firstPage = await stack.api.request('GET', '/v1/audit/events?limit=2', { token: tenant.token });
    const secondPage = await stack.api.request('GET', `/v1/audit/events?limit=2&cursor=${firstPage.body.nextCursor}`, { token: tenant.token });

    expect(byAction.body.items.map((event: AuditEvent) => event.action)).toEqual(['contact.created', 'contact.created']);
    expect(byTarget.body.items.map((event: AuditEvent) => event.action)).toEqual(['contact.updated', 'contact.created']);
    expect(firstPage.body.items).toHaveLength(2);
    expect(secondPage.body.items[0].seq).toBeLessThan(firstPage.body.items[1].seq);
    const byActor = await stack.api.request('GET', `/v1/audit/events?actor=${tenant.userId}&limit=200`, { token: tenant.token });
    expect(byActor.body.items.every((event: AuditEvent) => event.actor.userId === tenant.userId)).toBe(true);
  });

  it('verifies an untouched period', async () => {
    const result = await stack.api.request('POST', '/v1/audit/verify', { token: tenant.token, body: period() });

    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ ok: true, problems: [] });
    expect(result.body.checked.events).toBeGreaterThanOrEqual(7);
  });

  it('exports the period as evidence that verifies on its own', async () => {
    const response = await fetch(`${stack.url}/v1/audit/export?from=${encodeURIComponent(period().from)}&to=${encodeURIComponent(period().to)}`, {
      headers: { authorization: `Bearer ${tenant.token}` },
    });
    const lines = (await response.text()).trim().split('\n').map((line) => JSON.parse(line));

    expect(response.headers.get('content-type')).toContain('application/x-ndjson');
    const [manifest, ...rest] = lines;
    expect(manifest.type).toBe('manifest');
    const objects = rest.filter((line) => line.type === 'object');
    const digests = rest.filter((line) => line.type === 'digest').map((line) => JSON.parse(Buffer.from(line.contentBase64, 'base64').toString('utf8')));
    expect(objects.length).toBeGreaterThan(0);
    expect(digests.length).toBeGreaterThan(0);
    const listed = new Map(digests.flatMap((digest) => digest.objects.map((object: { key: string; sha256: string }) => [object.key, object.sha256])));
    for (const object of objects) {
      expect(createHash('sha256').update(Buffer.from(object.contentBase64, 'base64')).digest('hex')).toBe(listed.get(object.key));
    }
    for (const digest of digests) {
      const { signature, ...body } = digest;
      expect(verify('sha256', Buffer.from(canonicalize(body)!), manifest.signing.publicKeyPem, Buffer.from(signature.value, 'base64'))).toBe(true);
    }
  });
});

describe('tampering with the archive', () => {
  it('is caught and pinpointed: an altered event and a deleted object', async () => {
    // Prepare: a tenant of its own, archived and digested.
    const tenant = await stack.api.newTenant();
    for (const firstName of ['One', 'Two', 'Three']) {
      await stack.api.request('POST', '/v1/contacts', { token: tenant.token, body: { firstName } });
      await stack.audit!.drain();
    }
    await stack.audit!.writeDigests();
    const [first, ...others] = await archivedObjects(tenant.tenantId);
    expect(others.length).toBeGreaterThan(0);

    // Act: change the action of one event inside the first object, and delete the last object.
    const body = await stack.s3.send(new GetObjectCommand({ Bucket: stack.auditBucket, Key: first! }));
    const lines = gunzipSync(Buffer.from(await body.Body!.transformToByteArray())).toString('utf8').trim().split('\n');
    const edited = JSON.parse(lines[0]!) as AuditEvent;
    lines[0] = JSON.stringify({ ...edited, action: 'contact.deleted' });
    await stack.s3.send(new PutObjectCommand({ Bucket: stack.auditBucket, Key: first!, Body: gzipSync(`${lines.join('\n')}\n`) }));
    await stack.s3.send(new DeleteObjectCommand({ Bucket: stack.auditBucket, Key: others.at(-1)! }));
    const result = await stack.api.request('POST', '/v1/audit/verify', { token: tenant.token, body: period() });

    // Assess
    expect(result.body.ok).toBe(false);
    const kinds = result.body.problems.map((problem: { kind: string }) => problem.kind);
    expect(kinds).toContain('event_altered');
    expect(kinds).toContain('object_missing');
    expect(result.body.problems).toContainEqual(expect.objectContaining({ kind: 'event_altered', event: edited.seq }));
    expect(result.body.problems).toContainEqual(expect.objectContaining({ kind: 'object_missing', object: others.at(-1) }));
  });

  it('is only for audit:read holders', async () => {
    const tenant = await stack.api.newTenant();
    const auditor = await joinAs(stack.api, tenant.token, stack.mailDir, 'compliance_auditor', inviteTokenFor);
    const rep = await joinAs(stack.api, tenant.token, stack.mailDir, 'sales_rep', inviteTokenFor);

    expect((await stack.api.request('POST', '/v1/audit/verify', { token: auditor.token, body: period() })).status).toBe(200);
    expect((await stack.api.request('POST', '/v1/audit/verify', { token: rep.token, body: period() })).status).toBe(403);
  });
});

describe('older events', () => {
  it('are read from the archive once they are past the table\'s retention', async () => {
    // Prepare: a tenant whose archive holds events from 200 days ago.
    const tenant = await stack.api.newTenant();
    const longAgo = Date.now() - 200 * 86_400_000;
    let head: AuditEvent | null = null;
    const old: AuditEvent[] = [];
    for (const [index, action] of (['contact.created', 'contact.updated', 'contact.deleted'] as const).entries()) {
      head = sealAuditEvent(head, {
        tenantId: tenant.tenantId,
        eventId: `01ARZ3NDEKTSV4RRFFQ69G5FA${index}`,
        time: new Date(longAgo + index * 60_000).toISOString(),
        entry: { action, target: { type: 'contact', id: 'OLD' }, outcome: 'success' },
        context: { actor: { userId: tenant.userId, role: 'owner' }, requestId: `old-${index}`, sourceIp: null, userAgent: null },
      });
      old.push(head);
    }
    await stack.s3.send(
      new PutObjectCommand({
        Bucket: stack.auditBucket,
        Key: eventsObjectKey(tenant.tenantId, old[0]!.time, 1, 3),
        Body: encodeEventLines(old),
      }),
    );
    const window = `from=${new Date(longAgo - 86_400_000).toISOString()}&to=${new Date(longAgo + 86_400_000).toISOString()}`;

    // Act
    const all = await stack.api.request('GET', `/v1/audit/events?${window}`, { token: tenant.token });
    const updates = await stack.api.request('GET', `/v1/audit/events?${window}&action=contact.updated`, { token: tenant.token });
    const page = await stack.api.request('GET', `/v1/audit/events?${window}&limit=2`, { token: tenant.token });
    const next = await stack.api.request('GET', `/v1/audit/events?${window}&limit=2&cursor=${page.body.nextCursor}`, { token: tenant.token });

    // Assess
    expect(all.status, JSON.stringify(all.body)).toBe(200);
    expect(all.body.source).toBe('archive');
    expect(all.body.items.map((event: AuditEvent) => event.seq)).toEqual([3, 2, 1]);
    expect(updates.body.items.map((event: AuditEvent) => event.action)).toEqual(['contact.updated']);
    expect([...page.body.items, ...next.body.items].map((event: AuditEvent) => event.seq)).toEqual([3, 2, 1]);
    expect(next.body.nextCursor).toBeNull();
  });
});
