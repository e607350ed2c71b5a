import { PUBLIC_SCREENS, SCREENS } from '../src/routes/registry';

/** Who looks at a screen: nobody signed in, the demo workspace's owner, or one of its team by role. */
export type Viewer = 'public' | 'owner' | 'sales_manager' | 'sales_rep' | 'support_agent' | 'marketer';

export interface Shot {
  /** The PNG's name (without the viewport and extension). */
  name: string;
  viewer: Viewer;
  /** The path to open; a function when the path needs something made first (an invitation). */
  path: string | ((context: ShotContext) => Promise<string>);
  /** Waits for what the screen should show before the picture is taken (its h1 by default). */
  ready?: string;
}

export interface ShotContext {
  /** Invites a new person to the demo workspace as `role` and returns the mailed accept-invite link. */
  inviteLink(role: string): Promise<string>;
}

/**
 * Every screen in the route registry is photographed as the owner of the demo workspace, and
 * every public screen signed out. Add here what the registry cannot say: a screen seen by another
 * role, or a screen in a particular state.
 */
export const EXTRA_SHOTS: Shot[] = [
  { name: 'welcome-as-sales-rep', viewer: 'sales_rep', path: '/welcome' },
  { name: 'settings-workspace-as-support-agent', viewer: 'support_agent', path: '/settings/workspace', ready: 'Service levels (SLA)' },
  { name: 'accept-invite-with-link', viewer: 'public', path: (context) => context.inviteLink('sales_rep') },
  { name: 'audit-events-logins', viewer: 'owner', path: '/audit/events?action=auth.login', ready: 'auth.login' },
];

const nameOf = (path: string) => path.replace(/^\//, '').replace(/\//g, '-') || 'home';

export const SHOTS: Shot[] = [
  ...PUBLIC_SCREENS.map((screen): Shot => ({ name: nameOf(screen.path), viewer: 'public', path: screen.path })),
  ...SCREENS.map((screen): Shot => ({ name: nameOf(screen.path), viewer: 'owner', path: screen.path })),
  ...EXTRA_SHOTS,
];
