import type { Permission } from '@rapport/domain/browser';
import type { ComponentType } from 'react';

type Screen = () => Promise<{ default: ComponentType }>;

/** A screen of the signed-in console. */
export interface ScreenDefinition {
  path: string;
  /** The page title (also the tab's title). */
  title: string;
  /**
   * What the person's role must hold to open it: `member` for every member of the workspace; a
   * list when any one of them will do (a screen of several parts, each shown to whom its API allows).
   */
  permission: 'member' | Permission | readonly [Permission, ...Permission[]];
  /** Where it appears in the navigation, if it does: only to those whose role allows it. */
  nav?: { label: string; section: 'Start' | 'Workspace' | 'Admin' | 'Compliance' | 'You' };
  /** The screen's module, loaded on demand (its own chunk). */
  load: Screen;
}

/** A screen open without a session (log-in, sign-up, accepting an invitation). */
export interface PublicScreenDefinition {
  path: string;
  title: string;
  load: Screen;
}

/**
 * Every screen of the console, one line each: `src/routes/<area>/<screen>-page.tsx`. The router,
 * the navigation and the screenshots script read this list. Add a screen here and it is routed,
 * code-split, guarded by its permission and listed in the navigation of those who may open it.
 */
export const SCREENS: ScreenDefinition[] = [
  { path: '/welcome', title: 'Get started', permission: 'member', nav: { label: 'Get started', section: 'Start' }, load: () => import('./welcome/first-run-page') },
  { path: '/settings/users', title: 'Users', permission: 'users:read', nav: { label: 'Users', section: 'Admin' }, load: () => import('./settings/users-page') },
  { path: '/settings/roles', title: 'Roles', permission: 'roles:read', nav: { label: 'Roles', section: 'Admin' }, load: () => import('./settings/roles-page') },
  { path: '/settings/fields', title: 'Custom fields', permission: 'settings:manage', nav: { label: 'Custom fields', section: 'Admin' }, load: () => import('./settings/fields-page') },
  { path: '/settings/webhooks', title: 'Webhooks', permission: 'settings:manage', nav: { label: 'Webhooks', section: 'Admin' }, load: () => import('./settings/webhooks-page') },
  { path: '/settings/ingest-keys', title: 'Ingest keys', permission: 'settings:manage', nav: { label: 'Ingest keys', section: 'Admin' }, load: () => import('./settings/ingest-keys-page') },
  { path: '/settings/workspace', title: 'Workspace settings', permission: ['settings:manage', 'tickets:read'], nav: { label: 'Workspace settings', section: 'Admin' }, load: () => import('./settings/workspace-page') },
  { path: '/settings/close-workspace', title: 'Close the workspace', permission: 'tenant:delete', nav: { label: 'Close the workspace', section: 'Admin' }, load: () => import('./settings/offboarding-page') },
  { path: '/audit/events', title: 'Audit log', permission: 'audit:read', nav: { label: 'Audit log', section: 'Compliance' }, load: () => import('./audit/audit-log-page') },
  { path: '/audit/verify', title: 'Verify the audit trail', permission: 'audit:read', nav: { label: 'Verify the trail', section: 'Compliance' }, load: () => import('./audit/verify-page') },
  { path: '/audit/evidence', title: 'Evidence and checkpoints', permission: 'audit:read', nav: { label: 'Evidence', section: 'Compliance' }, load: () => import('./audit/evidence-page') },
  { path: '/account', title: 'Your account', permission: 'member', nav: { label: 'Your account', section: 'You' }, load: () => import('./account/account-page') },
];

export const PUBLIC_SCREENS: PublicScreenDefinition[] = [
  { path: '/login', title: 'Log in', load: () => import('./auth/login-page') },
  { path: '/signup', title: 'Create your workspace', load: () => import('./auth/signup-page') },
  { path: '/accept-invite', title: 'Join your team', load: () => import('./auth/accept-invite-page') },
  { path: '/workspace-closed', title: 'Workspace closed', load: () => import('./auth/workspace-closed-page') },
];

/** Where a signed-in person lands when no other place was asked for. */
export const HOME_PATH = '/welcome';

/** Whether a role holding `permissions` may open the screen. */
export function allows(permissions: readonly string[], screen: Pick<ScreenDefinition, 'permission'>): boolean {
  if (screen.permission === 'member') return true;
  return typeof screen.permission === 'string' ? permissions.includes(screen.permission) : screen.permission.some((permission) => permissions.includes(permission));
}
