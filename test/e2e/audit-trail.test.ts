import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, DeleteObjectCommand } from '@aws-sdk/client-s3';
import { encodeEventLines, eventsObjectKey } from '@rapport/audit';
import { sealAuditEvent, type AuditEvent } from '@rapport/domain';
import { createHash, verify } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import canonicalize from 'canonicalize';
import { beforeAll, describe, expect, it } from 'vitest';
import { joinAs } from '../support/api-client';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '@rapport/data';
import { integratedEventsInTable } from '../support/audit-items';
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

const tableEvents = (tenantId: string) => integratedEventsInTable(stack.documents, stack.tableName, tenantId);

/** The events of the objects the table records as integrated (not any other object under the prefix), in seq order. */
async function integratedArchive(tenantId: string): Promise<AuditEvent[]> {
  const { Items = [] } = await stack.documents.send(
    new QueryCommand({
      TableName: stack.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :objects)',
      ExpressionAttributeValues: { ':pk': keys.auditPartition(tenantId).pk, ':objects': keys.auditObjectPrefix },
      ConsistentRead: true,
    }),
  );
  const events: AuditEvent[] = [];
  for (const item of Items) {
    const object = await stack.s3.send(new GetObjectCommand({ Bucket: stack.auditBucket, Key: item.key as string }));
    const text = gunzipSync(Buffer.from(await object.Body!.transformToByteArray())).toString('utf8');
    events.push(...text.trim().split('\n').map((line) => JSON.parse(line) as AuditEvent));
  }
  return events;
}

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

    // The integrated form is in the table too (what the events list shows), the same as archived.
    expect(archived).toEqual(inTable);
    expect(archived.map((event) => event.seq)).toEqual(archived.map((_, index) => index + 1));
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

  it('refuses a period reaching before 1970 (where event ids start) with a 400 naming the field, defaults from to no earlier, and verifies a period to come (empty)', async () => {
    // Act
    const verifyBefore = await stack.api.request('POST', '/v1/audit/verify', { token: tenant.token, body: { from: '1969-12-31T00:00:00Z', to: '1970-01-01T05:00:00Z' } });
    const listBefore = await stack.api.request('GET', `/v1/audit/events?from=${encodeURIComponent('1969-12-25T00:00:00Z')}&to=${encodeURIComponent('1970-01-01T00:00:00Z')}`, { token: tenant.token });
    const verifyEarly = await stack.api.request('POST', '/v1/audit/verify', { token: tenant.token, body: { to: '1970-01-01T00:00:00.042-05:30' } });
    const listEarly = await stack.api.request('GET', `/v1/audit/events?to=${encodeURIComponent('1970-01-02T00:00:00Z')}`, { token: tenant.token });
    const verifyFuture = await stack.api.request('POST', '/v1/audit/verify', { token: tenant.token, body: { to: new Date(Date.now() + 20 * 86_400_000).toISOString() } });

    // Assess
    expect(verifyBefore.status).toBe(400);
    expect(verifyBefore.body.error.details.fields).toEqual([{ field: 'from', message: 'must not be before 1970' }]);
    expect(listBefore.status).toBe(400);
    expect(listBefore.body.error.details.fields).toEqual([{ field: 'query.from', message: 'must not be before 1970' }]);
    expect(verifyEarly.status).toBe(200);
    expect(verifyEarly.body.checked.events).toBe(0);
    expect(listEarly.status).toBe(200);
    expect(listEarly.body.items).toEqual([]);
    expect(verifyFuture.status).toBe(200);
    expect(verifyFuture.body).toMatchObject({ ok: true, pendingEvents: 0, problems: [] });
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

describe('one tenant\'s people writing at once', () => {
  it('answers each of 50 concurrent writers, and archives every change once in a gap-free chain that verifies', async () => {
    // Prepare: ten contacts everyone will try to update from version 1.
    const tenant = await stack.api.newTenant();
    const existing: string[] = [];
    for (let index = 0; index < 10; index++) {
      existing.push((await stack.api.request('POST', '/v1/contacts', { token: tenant.token, body: { firstName: `Existing ${index}` } })).body.id);
    }
    await stack.audit!.drain();

    // Act: 25 creations and 25 updates, all at once.
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        index % 2 === 0
          ? stack.api.request('POST', '/v1/contacts', { token: tenant.token, body: { firstName: `Writer ${index}` } }).then((response) => ({ kind: 'create' as const, response, id: response.body.id as string }))
          : stack.api
              .request('PATCH', `/v1/contacts/${existing[(index >> 1) % 10]}`, { token: tenant.token, body: { title: `Title ${index}` }, headers: { 'if-match': '"1"' } })
              .then((response) => ({ kind: 'update' as const, response, id: existing[(index >> 1) % 10]! })),
      ),
    );
    await stack.audit!.drain();
    const verification = await stack.api.request('POST', '/v1/audit/verify', { token: tenant.token, body: period() });

    // Assess: every answer is a success or a clear conflict, never a silent retry.
    for (const { response } of answers) {
      expect([200, 201, 409], JSON.stringify(response.body)).toContain(response.status);
      if (response.status === 409) expect(response.body.error).toMatchObject({ code: 'VERSION_CONFLICT', message: expect.stringContaining('version') });
    }
    const created = answers.filter((answer) => answer.kind === 'create' && answer.response.status === 201).map((answer) => answer.id);
    const updated = answers.filter((answer) => answer.kind === 'update' && answer.response.status === 200).map((answer) => answer.id);
    expect(created).toHaveLength(25);
    // One update per contact wins at version 1; the others are told they were too late.
    expect([...updated].sort()).toEqual([...existing].sort());

    const archived = await integratedArchive(tenant.tenantId);
    expect(archived.map((event) => event.seq)).toEqual(archived.map((_, index) => index + 1));
    expect(new Set(archived.map((event) => event.eventId)).size).toBe(archived.length);
    const count = (action: string, id: string) => archived.filter((event) => event.action === action && event.target?.id === id).length;
    for (const id of created) expect(count('contact.created', id)).toBe(1);
    for (const id of existing) expect(count('contact.updated', id)).toBe(1);
    expect(verification.body).toMatchObject({ ok: true, problems: [], pendingEvents: 0 });
  }, 120_000);
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
        Key: eventsObjectKey(tenant.tenantId, old[0]!.time, 1, 3, old[2]!.hash),
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
