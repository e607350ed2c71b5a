import { BUILT_IN_ROLES } from '@rapport/domain/browser';
import { describe, expect, it } from 'vitest';
import { allows, SCREENS } from './registry';

const workspace = SCREENS.find((screen) => screen.path === '/settings/workspace')!;

describe('the screen registry', () => {
  it('opens the workspace settings to every role the API lets read or set the service levels, or change the settings', () => {
    // Prepare: each built-in role's permissions
    const roles = Object.entries(BUILT_IN_ROLES).map(([id, role]) => ({ id, permissions: [...role.permissions] as string[] }));

    // Act
    const opened = roles.filter((role) => allows(role.permissions, workspace)).map((role) => role.id);

    // Assess: the support manager (tickets:manage) sets the SLA there; a role with neither permission does not see it
    expect(opened).toContain('support_manager');
    expect(opened).toContain('support_agent');
    expect(opened).not.toContain('sales_rep');
    expect(opened).not.toContain('compliance_auditor');
    for (const role of roles) expect(opened.includes(role.id), role.id).toBe(role.permissions.includes('tickets:read') || role.permissions.includes('settings:manage'));
  });

  it('opens a screen of one permission only to roles holding it, and a member screen to everyone', () => {
    const users = SCREENS.find((screen) => screen.path === '/settings/users')!;

    expect(allows(['users:read'], users)).toBe(true);
    expect(allows(['roles:read'], users)).toBe(false);
    expect(allows([], { permission: 'member' })).toBe(true);
  });
});
