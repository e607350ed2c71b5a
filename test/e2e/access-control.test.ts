import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { joinAs } from '../support/api-client';
import { auditEventsInTable } from '../support/audit-items';
import { inviteTokenFor } from '../support/invitations';
import { useTestApi } from '../support/test-stack';

const stack = useTestApi();
let owner: Awaited<ReturnType<typeof stack.api.newTenant>>;

const join = (roleId: string) => joinAs(stack.api, owner.token, stack.mailDir, roleId, inviteTokenFor);

async function auditActions(tenantId: string): Promise<string[]> {
  return (await auditEventsInTable(stack.documents, stack.tableName, tenantId)).map((event) => event.action);
}

beforeAll(async () => {
  owner = await stack.api.newTenant();
});
afterEach(() => {
  vi.useRealTimers();
});

/** The promise: a membership or role change applies to every request starting this long after it. */
const STALENESS_BOUND_MS = 5_000;
/** Freezes the clock of this process (and so of the API's handlers and their caller cache) at its current time. */
function freezeClock(): number {
  const now = Date.now();
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(now);
  return now;
}

describe('invitations', () => {
  it('invites by email, and the invitee sets a password through the emailed link and logs in with the role', async () => {
    // Prepare + Act
    const member = await join('sales_rep');

    // Assess
    const me = await stack.api.request('GET', '/v1/me', { token: member.token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ role: 'sales_rep', tenant: { id: owner.tenantId }, user: { email: member.email, status: 'active' } });
    expect([...me.body.permissions].sort()).toEqual(['contacts:read', 'contacts:write', 'deals:read', 'deals:write', 'pii:read', 'tasks:read', 'tasks:write']);
    const users = await stack.api.request('GET', '/v1/users', { token: owner.token });
    expect(users.body.items).toContainEqual(expect.objectContaining({ id: member.userId, roleId: 'sales_rep', status: 'active' }));
  });

  it('refuses an invitation link used twice with 410, and an unknown one too', async () => {
    const email = `twice-${Date.now()}@example.com`;
    await stack.api.request('POST', '/v1/users', { token: owner.token, body: { email, name: 'Twice', roleId: 'read_only' } });
    const token = inviteTokenFor(stack.mailDir, email);
    expect((await stack.api.request('POST', '/v1/auth/accept-invite', { body: { token, password: 'First-Passw0rd' } })).status).toBe(200);

    const again = await stack.api.request('POST', '/v1/auth/accept-invite', { body: { token, password: 'Second-Passw0rd' } });
    const forged = await stack.api.request('POST', '/v1/auth/accept-invite', { body: { token: `${owner.tenantId}.${'A'.repeat(43)}`, password: 'Second-Passw0rd' } });

    expect(again.status).toBe(410);
    expect(again.body.error.code).toBe('INVITE_GONE');
    expect(forged.status).toBe(410);
    expect((await stack.api.request('POST', '/v1/auth/login', { body: { email, password: 'Second-Passw0rd' } })).status).toBe(401);
  });

  it('refuses to invite an email that already has an account, or with a role that does not exist', async () => {
    const taken = await stack.api.request('POST', '/v1/users', { token: owner.token, body: { email: owner.email, name: 'Me', roleId: 'admin' } });
    const noRole = await stack.api.request('POST', '/v1/users', { token: owner.token, body: { email: 'x@example.com', name: 'X', roleId: 'wizard' } });

    expect(taken.status).toBe(409);
    expect(noRole.status).toBe(400);
    expect(noRole.body.error.details.fields).toContainEqual({ field: 'roleId', message: expect.stringContaining('not a role') });
  });
});

describe('permissions', () => {
  it('answers a missing permission with 403 naming it, and audits the refusal', async () => {
    const rep = await join('sales_rep');

    const response = await stack.api.request('GET', '/v1/roles', { token: rep.token });

    expect(response.status).toBe(403);
    expect(response.body.error).toMatchObject({ code: 'FORBIDDEN', details: { permission: 'roles:read' } });
    expect(response.body.error.message).toContain('roles:read');
    expect(await auditActions(owner.tenantId)).toContain('authz.denied');
  });

  it('limits a sales rep to the contacts they own', async () => {
    const rep = await join('sales_rep');
    const ownersContact = (await stack.api.request('POST', '/v1/contacts', { token: owner.token, body: { firstName: 'Owned by owner' } })).body;
    const repsContact = (await stack.api.request('POST', '/v1/contacts', { token: rep.token, body: { firstName: 'Owned by rep' } })).body;

    const listed = await stack.api.request('GET', '/v1/contacts?limit=100', { token: rep.token });

    expect(listed.body.items.map((contact: { id: string }) => contact.id)).toEqual([repsContact.id]);
    expect((await stack.api.request('GET', `/v1/contacts/${ownersContact.id}`, { token: rep.token })).status).toBe(404);
    expect((await stack.api.request('PATCH', `/v1/contacts/${ownersContact.id}`, { token: rep.token, body: { title: 'x' } })).status).toBe(404);
    expect((await stack.api.request('GET', `/v1/contacts/${repsContact.id}`, { token: rep.token })).status).toBe(200);
  });

  it('applies a changed role within 5 s, not at the next login', async () => {
    // Prepare: a custom read-only role without personal data, and a rep who gets it.
    const rep = await join('sales_rep');
    const contact = (await stack.api.request('POST', '/v1/contacts', { token: owner.token, body: { firstName: 'Visible', email: 'visible.person@example.com' } })).body;
    const role = await stack.api.request('POST', '/v1/roles', { token: owner.token, body: { name: `Viewer ${Date.now()}`, permissions: ['contacts:read', 'contacts:read_all'] } });
    expect(role.status).toBe(201);
    const readAt = freezeClock();
    expect((await stack.api.request('GET', '/v1/me', { token: rep.token })).body.role).toBe('sales_rep');
    // Each area's functions keep their own cache (as separate Lambda containers do): the contacts
    // area reads the rep's role now.
    expect((await stack.api.request('GET', '/v1/contacts?limit=1', { token: rep.token })).status).toBe(200);

    // Act
    const changed = await stack.api.request('PATCH', `/v1/users/${rep.userId}`, { token: owner.token, body: { roleId: role.body.id } });
    // Within the bound the container may still act on the role it read (this one does: it cached it).
    const withinBound = await stack.api.request('POST', '/v1/contacts', { token: rep.token, body: { firstName: 'Still a rep' } });
    vi.setSystemTime(readAt + STALENESS_BOUND_MS);

    // Assess: from the bound on, the same token sees all contacts, masked, and may no longer write.
    expect(changed.status).toBe(200);
    expect(withinBound.status).toBe(201);
    const read = await stack.api.request('GET', `/v1/contacts/${contact.id}`, { token: rep.token });
    expect(read.status).toBe(200);
    expect(read.body.email).toBe('v***@example.com');
    const write = await stack.api.request('POST', '/v1/contacts', { token: rep.token, body: { firstName: 'Nope' } });
    expect(write.status).toBe(403);
    expect(write.body.error.details.permission).toBe('contacts:write');
  });

  it('stops a disabled user\'s token within 5 s, refuses their login at once, and lets them back in when enabled', async () => {
    // Prepare
    const member = await join('support_agent');
    const readAt = freezeClock();
    expect((await stack.api.request('GET', '/v1/tickets', { token: member.token })).status).toBe(200);

    // Act
    await stack.api.request('PATCH', `/v1/users/${member.userId}`, { token: owner.token, body: { status: 'disabled' } });
    const withinBound = await stack.api.request('GET', '/v1/tickets', { token: member.token });
    vi.setSystemTime(readAt + STALENESS_BOUND_MS - 1);
    const justBeforeBound = await stack.api.request('GET', '/v1/tickets', { token: member.token });
    vi.setSystemTime(readAt + STALENESS_BOUND_MS);
    const atBound = await stack.api.request('GET', '/v1/tickets', { token: member.token });

    // Assess
    expect(withinBound.status).toBe(200);
    expect(justBeforeBound.status).toBe(200);
    expect(atBound.status).toBe(401);
    expect((await stack.api.request('GET', '/v1/me', { token: member.token })).status).toBe(401);
    expect((await stack.api.request('POST', '/v1/auth/login', { body: { email: member.email, password: member.password } })).status).toBe(401);
    await stack.api.request('PATCH', `/v1/users/${member.userId}`, { token: owner.token, body: { status: 'active' } });
    // A refusal is never cached: enabling applies to the very next request.
    expect((await stack.api.request('GET', '/v1/tickets', { token: member.token })).status).toBe(200);
    expect((await stack.api.request('POST', '/v1/auth/login', { body: { email: member.email, password: member.password } })).status).toBe(200);
  });

  it('applies a custom role\'s changed permissions within 5 s', async () => {
    // Prepare
    const role = (await stack.api.request('POST', '/v1/roles', { token: owner.token, body: { name: `Readers ${Date.now()}`, permissions: ['contacts:read', 'contacts:read_all'] } })).body;
    const member = await join(role.id);
    const readAt = freezeClock();
    expect((await stack.api.request('GET', '/v1/contacts', { token: member.token })).status).toBe(200);

    // Act
    const changed = await stack.api.request('PATCH', `/v1/roles/${role.id}`, { token: owner.token, body: { permissions: ['tasks:read'] } });
    vi.setSystemTime(readAt + STALENESS_BOUND_MS);
    const after = await stack.api.request('GET', '/v1/contacts', { token: member.token });

    // Assess
    expect(changed.status).toBe(200);
    expect(after.status).toBe(403);
    expect(after.body.error.details.permission).toBe('contacts:read');
  });

  it('refuses to let anyone grant what they do not hold', async () => {
    const admin = await join('admin');

    const makeOwner = await stack.api.request('POST', '/v1/users', { token: admin.token, body: { email: `o-${Date.now()}@example.com`, name: 'O', roleId: 'owner' } });
    const escalate = await stack.api.request('POST', '/v1/roles', { token: admin.token, body: { name: `Closer ${Date.now()}`, permissions: ['tenant:delete'] } });

    expect(makeOwner.status).toBe(403);
    expect(escalate.status).toBe(403);
    expect(escalate.body.error.details.permission).toBe('tenant:delete');
  });
});

describe('roles', () => {
  it('creates, renames and deletes a custom role, refusing while it is assigned', async () => {
    const role = (await stack.api.request('POST', '/v1/roles', { token: owner.token, body: { name: `Temp ${Date.now()}`, permissions: ['contacts:read'] } })).body;
    const member = await join(role.id);

    const inUse = await stack.api.request('DELETE', `/v1/roles/${role.id}`, { token: owner.token });
    const renamed = await stack.api.request('PATCH', `/v1/roles/${role.id}`, { token: owner.token, body: { name: `${role.name} renamed` } });
    await stack.api.request('PATCH', `/v1/users/${member.userId}`, { token: owner.token, body: { roleId: 'read_only' } });
    const deleted = await stack.api.request('DELETE', `/v1/roles/${role.id}`, { token: owner.token });

    expect(inUse.status).toBe(409);
    expect(inUse.body.error).toMatchObject({ code: 'ROLE_IN_USE', details: { members: 1 } });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: `${role.name} renamed`, version: 2 });
    expect(deleted.status).toBe(204);
    expect((await stack.api.request('GET', `/v1/roles/${role.id}`, { token: owner.token })).status).toBe(404);
  });

  it('keeps role names unique in a workspace, whatever their case', async () => {
    const name = `Unique ${Date.now()}`;
    await stack.api.request('POST', '/v1/roles', { token: owner.token, body: { name, permissions: [] } });

    const again = await stack.api.request('POST', '/v1/roles', { token: owner.token, body: { name: name.toUpperCase(), permissions: [] } });

    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ROLE_NAME_TAKEN');
  });

  it('reserves the built-in roles\' names and ids, whatever their case or spacing, on create and on rename, writing nothing', async () => {
    // Prepare
    const before = await stack.api.request('GET', '/v1/roles', { token: owner.token });
    const custom = (await stack.api.request('POST', '/v1/roles', { token: owner.token, body: { name: `Plain ${Date.now()}`, permissions: [] } })).body;

    for (const name of ['owner', 'Admin', ' OWNER ', 'sales_rep', 'Sales Rep', 'sales-manager', 'Compliance auditor', 'read only', 'Read_Only']) {
      // Act
      const created = await stack.api.request('POST', '/v1/roles', { token: owner.token, body: { name, permissions: [] } });
      const renamed = await stack.api.request('PATCH', `/v1/roles/${custom.id}`, { token: owner.token, body: { name } });

      // Assess
      for (const refused of [created, renamed]) {
        expect(refused.status, name).toBe(400);
        expect(refused.body.error.details.fields).toEqual([{ field: 'name', message: 'is the name of a built-in role; choose another' }]);
      }
    }
    const after = await stack.api.request('GET', '/v1/roles', { token: owner.token });
    expect(after.body.items).toHaveLength(before.body.items.length + 1);
    expect((await stack.api.request('GET', `/v1/roles/${custom.id}`, { token: owner.token })).body).toMatchObject({ name: custom.name, version: 1 });
  });

  it('refuses to edit or delete a built-in role, and unknown permissions', async () => {
    const edit = await stack.api.request('PATCH', '/v1/roles/sales_rep', { token: owner.token, body: { permissions: ['contacts:read'] } });
    const remove = await stack.api.request('DELETE', '/v1/roles/owner', { token: owner.token });
    const unknown = await stack.api.request('POST', '/v1/roles', { token: owner.token, body: { name: 'Bad', permissions: ['contacts:fly'] } });

    expect(edit.status).toBe(409);
    expect(edit.body.error.code).toBe('ROLE_IS_BUILT_IN');
    expect(remove.status).toBe(409);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.fields[0].field).toBe('permissions.0');
  });

  it('lists the permission catalogue and every built-in role', async () => {
    const permissions = await stack.api.request('GET', '/v1/permissions', { token: owner.token });
    const roles = await stack.api.request('GET', '/v1/roles', { token: owner.token });

    expect(permissions.body.items).toContainEqual({ name: 'pii:read', description: expect.any(String) });
    expect(roles.body.items.filter((role: { builtIn: boolean }) => role.builtIn).map((role: { id: string }) => role.id)).toEqual([
      'owner', 'admin', 'sales_manager', 'sales_rep', 'support_agent', 'support_manager', 'marketer', 'compliance_auditor', 'read_only',
    ]);
  });
});

describe('the last owner', () => {
  it('cannot be demoted, disabled or removed; a second owner makes it possible', async () => {
    const tenant = await stack.api.newTenant();

    const demote = await stack.api.request('PATCH', `/v1/users/${tenant.userId}`, { token: tenant.token, body: { roleId: 'admin' } });
    const disable = await stack.api.request('PATCH', `/v1/users/${tenant.userId}`, { token: tenant.token, body: { status: 'disabled' } });
    const remove = await stack.api.request('DELETE', `/v1/users/${tenant.userId}`, { token: tenant.token });

    for (const response of [demote, disable, remove]) {
      expect(response.status).toBe(409);
      expect(response.body.error.code).toBe('LAST_OWNER');
    }
    const second = await joinAs(stack.api, tenant.token, stack.mailDir, 'owner', inviteTokenFor);
    expect((await stack.api.request('PATCH', `/v1/users/${tenant.userId}`, { token: second.token, body: { roleId: 'admin' } })).status).toBe(200);
  });
});

describe('removing a user', () => {
  it('ends their access within 5 s and removes their login at once', async () => {
    const member = await join('support_agent');
    const readAt = freezeClock();
    expect((await stack.api.request('GET', '/v1/me', { token: member.token })).status).toBe(200);

    const removed = await stack.api.request('DELETE', `/v1/users/${member.userId}`, { token: owner.token });
    vi.setSystemTime(readAt + STALENESS_BOUND_MS);

    expect(removed.status).toBe(204);
    expect((await stack.api.request('GET', '/v1/me', { token: member.token })).status).toBe(401);
    expect((await stack.api.request('POST', '/v1/auth/login', { body: { email: member.email, password: member.password } })).status).toBe(401);
    const users = (await stack.api.request('GET', '/v1/users', { token: owner.token })).body.items;
    expect(users.map((user: { id: string }) => user.id)).not.toContain(member.userId);
    expect(await auditActions(owner.tenantId)).toContain('user.deleted');
  });
});

describe('managing users above oneself', () => {
  it('lets a custom role with users:manage manage lesser users only: not disable, demote, remove or rename an admin, nor hand out a role it lacks', async () => {
    // Prepare: a "People desk" role that manages users but holds little else; an admin; an intern whose role holds less
    const role = async (name: string, permissions: string[]) =>
      ((await stack.api.request('POST', '/v1/roles', { token: owner.token, body: { name: `${name} ${Date.now()}`, permissions } })).body as { id: string }).id;
    const [desk, intern] = await Promise.all([role('People desk', ['users:read', 'users:manage', 'contacts:read']), role('Intern', ['contacts:read'])]);
    const [manager, admin, reader] = await Promise.all([join(desk), join('admin'), join(intern)]);
    const asManager = (method: string, path: string, body?: unknown) => stack.api.request(method, path, { token: manager.token, ...(body === undefined ? {} : { body }) });

    // Act
    const refused = [
      await asManager('PATCH', `/v1/users/${admin.userId}`, { status: 'disabled' }),
      await asManager('PATCH', `/v1/users/${admin.userId}`, { roleId: 'read_only' }),
      await asManager('PATCH', `/v1/users/${admin.userId}`, { name: 'Demoted' }),
      await asManager('DELETE', `/v1/users/${admin.userId}`),
      await asManager('POST', '/v1/users', { email: `new-admin-${Date.now()}@example.com`, name: 'New Admin', roleId: 'admin' }),
    ];
    const allowed = await asManager('PATCH', `/v1/users/${reader.userId}`, { status: 'disabled' });

    // Assess
    for (const response of refused) {
      expect(response.status, JSON.stringify(response.body)).toBe(403);
      expect((response.body as { error: { message: string } }).error.message).toMatch(/which your own role does not have/);
    }
    const { body: users } = await stack.api.request('GET', '/v1/users', { token: owner.token });
    expect((users as { items: { id: string }[] }).items.find((user) => user.id === admin.userId)).toMatchObject({ roleId: 'admin', status: 'active', name: 'Team Member' });
    expect(allowed.status, JSON.stringify(allowed.body)).toBe(200);
  });
});
