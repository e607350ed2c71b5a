import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { PERMISSIONS } from '@rapport/domain/browser';
import { describe, expect, it } from 'vitest';
import { json, renderScreen, signedIn } from '../../test/render';
import RolesPage from './roles-page';

const ALL = Object.keys(PERMISSIONS);
const ADMIN_PERMISSIONS = ALL.filter((permission) => permission !== 'tenant:delete');
const at = '2026-01-01T00:00:00.000Z';

/** A workspace as the API describes it: an admin, a custom role held by one person, one held by none. */
function workspace() {
  const roles = [
    { id: 'owner', name: 'Owner', permissions: ALL, builtIn: true },
    { id: 'admin', name: 'Admin', permissions: ADMIN_PERMISSIONS, builtIn: true },
    { id: '01HZROLEFIELDSALES000000001', name: 'Field sales', permissions: ['contacts:read', 'deals:read'], builtIn: false, memberCount: 1, version: 3, createdAt: at, updatedAt: at },
    { id: '01HZROLEINTERN0000000000001', name: 'Intern', permissions: ['contacts:read'], builtIn: false, memberCount: 0, version: 1, createdAt: at, updatedAt: at },
  ];
  const users = [
    { id: '01HZUSERADA000000000000001', email: 'ada@acme.test', name: 'Ada Admin', roleId: 'admin', status: 'active', version: 1, createdAt: at, updatedAt: at },
    { id: '01HZUSERBOB000000000000001', email: 'bob@acme.test', name: 'Bob Seller', roleId: '01HZROLEFIELDSALES000000001', status: 'active', version: 2, createdAt: at, updatedAt: at },
  ];
  const me = { user: { id: users[0]!.id, email: 'ada@acme.test', name: 'Ada Admin', status: 'active' }, tenant: { id: 't1', name: 'Acme', createdAt: at }, role: 'admin', permissions: ADMIN_PERMISSIONS };
  const sent: { method: string; path: string; body: unknown }[] = [];
  const fetch = async (request: Request) => {
    const path = new URL(request.url).pathname;
    const body = request.method === 'GET' || request.method === 'DELETE' ? undefined : await request.json();
    sent.push({ method: request.method, path, body });
    if (path === '/v1/me') return json(200, me);
    if (path === '/v1/permissions') return json(200, { items: ALL.map((name) => ({ name, description: PERMISSIONS[name as keyof typeof PERMISSIONS] })) });
    if (path === '/v1/roles' && request.method === 'GET') return json(200, { items: roles });
    if (path === '/v1/users') return json(200, { items: users });
    const role = roles.find((candidate) => path === `/v1/roles/${candidate.id}`);
    if (role && request.method === 'PATCH') {
      Object.assign(role, { permissions: (body as { permissions: string[] }).permissions, version: role.version! + 1 });
      return json(200, role);
    }
    return json(404, { error: { code: 'NOT_FOUND', message: `No route ${request.method} ${path}`, requestId: 'r404' } });
  };
  return { fetch, sent };
}

const box = (name: string) => screen.getByRole('checkbox', { name }) as HTMLInputElement;

// The matrix is some 24 × N checkboxes rendered in happy-dom: seconds on a busy shared machine.
describe('the permission matrix', { timeout: 30_000 }, () => {
  it('shows roles as columns and permissions as rows grouped by area, with what each permission allows', async () => {
    // Prepare
    const { fetch } = workspace();

    // Act
    renderScreen(<RolesPage />, { fetch, session: signedIn() });
    const table = await screen.findByRole('table', { name: 'Permissions of each role' });

    // Assess
    const columns = within(table).getAllByRole('columnheader').map((header) => header.textContent);
    expect(columns.slice(0, 5)).toEqual(['Permission', 'Ownerbuilt-in', 'Adminbuilt-in', 'Field salescustom', 'Interncustom']);
    const groups = within(table).getAllByRole('columnheader').slice(5).map((header) => header.textContent);
    expect(groups).toEqual(['Contacts', 'Personal data', 'Privacy', 'People and roles', 'Sales', 'Tasks', 'Service', 'Marketing', 'Analytics', 'Compliance', 'Workspace']);
    expect(within(table).getByRole('rowheader', { name: /pii:read/ }).textContent).toContain(PERMISSIONS['pii:read']);
    expect(box('Field sales: deals:read').checked).toBe(true);
    expect(box('Field sales: tickets:read').checked).toBe(false);
  });

  it('keeps built-in roles read-only and every permission the admin lacks out of their reach', async () => {
    // Prepare
    const { fetch } = workspace();

    // Act
    renderScreen(<RolesPage />, { fetch, session: signedIn() });
    await screen.findByRole('table', { name: 'Permissions of each role' });

    // Assess
    expect(box('Admin: contacts:read').disabled).toBe(true);
    expect(box('Admin: contacts:read').title).toMatch(/Built-in roles cannot be changed/);
    expect(box('Owner: tenant:delete').disabled).toBe(true);
    expect(box('Intern: tenant:delete').disabled).toBe(true);
    expect(box('Intern: tenant:delete').title).toBe('You cannot grant tenant:delete: your own role does not have it.');
    expect(box('Intern: audit:read').disabled).toBe(false);
  });

  it('shows whom a change reaches before it is saved, then saves the role with the boxes ticked', async () => {
    // Prepare
    const { fetch, sent } = workspace();
    renderScreen(<RolesPage />, { fetch, session: signedIn() });
    await screen.findByRole('table', { name: 'Permissions of each role' });

    // Act: tick a box and untick another of the role Bob holds
    fireEvent.click(box('Field sales: tickets:read'));
    fireEvent.click(box('Field sales: deals:read'));
    const pending = await screen.findByRole('region', { name: 'Unsaved changes to Field sales' });

    // Assess: nothing is sent yet, and the change names who it affects
    expect(sent.filter((request) => request.method !== 'GET')).toEqual([]);
    expect(within(pending).getByText('Adds: tickets:read')).toBeTruthy();
    expect(within(pending).getByText('Removes: deals:read')).toBeTruthy();
    expect(within(pending).getByTestId('affected').textContent).toBe('This changes what one person may do: Bob Seller, from their next request.');

    // Act: save it
    fireEvent.click(within(pending).getByRole('button', { name: 'Save Field sales' }));

    // Assess: one PATCH with the role's new permissions and the version it was read at
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Unsaved changes to Field sales' })).toBeNull());
    expect(sent.filter((request) => request.method === 'PATCH')).toEqual([
      { method: 'PATCH', path: '/v1/roles/01HZROLEFIELDSALES000000001', body: { permissions: ['contacts:read', 'tickets:read'], version: 3 } },
    ]);
    await waitFor(() => expect(box('Field sales: tickets:read').checked).toBe(true));
  });

  it('explains before the click that a role still held cannot be deleted, and lets an unused one go', async () => {
    // Prepare
    const { fetch } = workspace();

    // Act
    renderScreen(<RolesPage />, { fetch, session: signedIn() });
    const custom = await screen.findByRole('region', { name: 'Custom roles' });

    // Assess
    expect((within(custom).getByRole('button', { name: 'Delete Field sales' }) as HTMLButtonElement).disabled).toBe(true);
    expect(within(custom).getByText('One person holds this role: give them another role first.')).toBeTruthy();
    expect((within(custom).getByRole('button', { name: 'Delete Intern' }) as HTMLButtonElement).disabled).toBe(false);
  });
});
