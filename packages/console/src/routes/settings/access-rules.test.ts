import { describe, expect, it } from 'vitest';
import { mayGrantRole, userActions, type Actor } from './access-rules';
import type { Role, User } from './admin-queries';

const at = '2026-01-01T00:00:00.000Z';
const user = (name: string, roleId: string, status: User['status'] = 'active'): User => ({ id: name, email: `${name}@acme.test`, name, roleId, status, version: 1, createdAt: at, updatedAt: at });
const role = (id: string, permissions: string[]): Role => ({ id, name: id, permissions: permissions as Role['permissions'], builtIn: false });
const owner: Actor = { role: 'owner', permissions: ['users:manage', 'users:read', 'tenant:delete', 'audit:read'] };
const admin: Actor = { role: 'admin', permissions: ['users:manage', 'users:read', 'audit:read'] };

describe('the user rules shown before the click', () => {
  it('keeps the last active owner from being demoted, disabled or removed, but not a second owner', () => {
    // Prepare
    const ann = user('Ann', 'owner');
    const alone = [ann, user('Ben', 'admin')];
    const two = [ann, user('Cid', 'owner'), user('Dee', 'owner', 'disabled')];

    // Act
    const last = userActions(owner, ann, alone);
    const notLast = userActions(owner, ann, two);

    // Assess
    expect(last.changeRole).toEqual({ ok: false, reason: 'Ann is the last active owner: make someone else an owner first.' });
    expect(last.disable.ok || last.remove.ok).toBe(false);
    expect(notLast.changeRole.ok && notLast.disable.ok && notLast.remove.ok).toBe(true);
  });

  it('lets only an owner change or remove an owner, or make one', () => {
    // Prepare
    const users = [user('Ann', 'owner'), user('Cid', 'owner')];

    // Act
    const onOwner = userActions(admin, users[1]!, users);
    const makeOwner = mayGrantRole(admin, role('owner', []));

    // Assess
    expect(onOwner.changeRole).toEqual({ ok: false, reason: 'Only an owner can change or remove an owner.' });
    expect(onOwner.remove.ok || onOwner.disable.ok || onOwner.enable.ok).toBe(false);
    expect(makeOwner).toEqual({ ok: false, reason: 'Only an owner can make someone an owner.' });
  });

  it('refuses a role holding a permission the actor lacks, naming it', () => {
    // Act
    const refused = mayGrantRole(admin, role('closer', ['audit:read', 'tenant:delete']));
    const granted = mayGrantRole(admin, role('auditor', ['audit:read']));

    // Assess
    expect(refused).toEqual({ ok: false, reason: 'It holds tenant:delete, which your own role does not have.' });
    expect(granted.ok).toBe(true);
  });

  it('cannot disable an invitation not yet accepted, and nothing at all without users:manage', () => {
    // Prepare
    const invited = user('Eve', 'admin', 'invited');
    const reader: Actor = { role: 'auditor', permissions: ['users:read'] };

    // Act
    const byAdmin = userActions(admin, invited, [invited]);
    const byReader = userActions(reader, invited, [invited]);

    // Assess
    expect(byAdmin.disable.ok).toBe(false);
    expect(byAdmin.remove.ok).toBe(true);
    expect(byReader.remove).toEqual({ ok: false, reason: 'Your role cannot change users (it needs users:manage).' });
  });

  it('keeps a user manager from managing anyone whose role holds more than theirs, naming what', () => {
    // Prepare
    const desk: Actor = { role: 'people-desk', permissions: ['users:read', 'users:manage', 'contacts:read'] };
    const ada = user('Ada', 'admin');
    const ivy = user('Ivy', 'intern');

    // Act
    const onAdmin = userActions(desk, ada, [ada, ivy], role('admin', ['users:manage', 'audit:read']));
    const onIntern = userActions(desk, ivy, [ada, ivy], role('intern', ['contacts:read']));

    // Assess
    expect(onAdmin.disable).toEqual({ ok: false, reason: "Ada's role holds audit:read, which your own role does not have." });
    expect(onAdmin.changeRole.ok || onAdmin.remove.ok || onAdmin.enable.ok).toBe(false);
    expect(onIntern.disable.ok && onIntern.changeRole.ok && onIntern.remove.ok).toBe(true);
  });
});
