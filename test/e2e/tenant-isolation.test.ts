import { describe, expect, it } from 'vitest';
import { useTestApi } from '../support/test-stack';

const stack = useTestApi();

describe('tenant isolation', () => {
  it('gives tenant B no way to read, list, change or delete tenant A\'s contacts', async () => {
    // Prepare
    const a = await stack.api.newTenant({ companyName: 'Tenant A' });
    const b = await stack.api.newTenant({ companyName: 'Tenant B' });
    const ids: string[] = [];
    for (const firstName of ['Ada', 'Alan', 'Grace']) {
      ids.push((await stack.api.request('POST', '/v1/contacts', { token: a.token, body: { firstName } })).body.id);
    }
    const aPage = await stack.api.request('GET', '/v1/contacts?limit=1', { token: a.token });
    const neverExisted = '01ARZ3NDEKTSV4RRFFQ69G5FAV';

    // Act + Assess: every route answers B exactly as for an id that does not exist.
    for (const id of ids) {
      const read = await stack.api.request('GET', `/v1/contacts/${id}`, { token: b.token });
      const missing = await stack.api.request('GET', `/v1/contacts/${neverExisted}`, { token: b.token });
      expect(read.status).toBe(404);
      expect(read.body.error.code).toBe(missing.body.error.code);
      expect((await stack.api.request('PATCH', `/v1/contacts/${id}`, { token: b.token, body: { firstName: 'Mallory' } })).status).toBe(404);
      expect((await stack.api.request('PATCH', `/v1/contacts/${id}`, { token: b.token, body: { firstName: 'Mallory' }, headers: { 'if-match': '"1"' } })).status).toBe(404);
      expect((await stack.api.request('DELETE', `/v1/contacts/${id}`, { token: b.token })).status).toBe(404);
    }
    expect((await stack.api.request('GET', '/v1/contacts', { token: b.token })).body.items).toEqual([]);
    // A cursor names a position, not a tenant: A's cursor pages through B's own (empty) list.
    const withACursor = await stack.api.request('GET', `/v1/contacts?cursor=${aPage.body.nextCursor}`, { token: b.token });
    expect(withACursor.status).toBe(200);
    expect(withACursor.body.items).toEqual([]);

    // And A's data is untouched.
    for (const id of ids) {
      const read = await stack.api.request('GET', `/v1/contacts/${id}`, { token: a.token });
      expect(read.status).toBe(200);
      expect(read.body.version).toBe(1);
    }
    expect((await stack.api.request('GET', '/v1/me', { token: b.token })).body.tenant.id).toBe(b.tenantId);
  });
});
