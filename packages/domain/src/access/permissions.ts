/**
 * Every permission there is, named `resource:action`, with what it allows. Routes name the one
 * they need; roles are sets of them.
 */
export const PERMISSIONS = {
  'contacts:read': 'See contacts: only those you own, unless you also have contacts:read_all',
  'contacts:read_all': 'See and work on every contact in the workspace, not only the ones you own',
  'contacts:write': 'Create and change contacts (those you may see)',
  'contacts:delete': 'Delete contacts (those you may see)',
  'contacts:export': 'Export contacts in bulk',
  'pii:read': 'See personal data (email, phone, address, birthday, notes, interaction subjects and bodies, feedback comments, sensitive custom fields) in clear; without it they are masked',
  'privacy:manage': "Answer people's data requests: export everything held about one person, and erase a person with a receipt",
  'users:read': 'See the workspace users and their roles',
  'users:manage': 'Invite, change, disable and remove users',
  'roles:read': 'See the roles and the permission catalogue',
  'roles:manage': 'Create, change and delete custom roles',
  'deals:read': 'See pipelines, deals and the sales forecast: only deals you own, unless you also have contacts:read_all',
  'deals:write': 'Create, change, move, win and lose deals (those you may see); convert leads',
  'pipelines:manage': 'Create and change sales pipelines, their stages and win probabilities',
  'tasks:read': 'See tasks: only those assigned to you, unless you also have contacts:read_all',
  'tasks:write': 'Create, change, assign and complete tasks (those you may see)',
  'tickets:read': 'See service tickets and their SLA state',
  'tickets:write': 'Create, assign, answer and resolve tickets',
  'tickets:manage': 'Set the SLA targets per ticket priority',
  'marketing:read': 'See segments, their members and campaigns',
  'marketing:write': 'Create and change segments and campaigns; record conversions',
  'analytics:read': 'Read the CRM numbers, customer scores, churn risk and recommendations',
  'audit:read': 'List, verify and export the audit log',
  'settings:manage': 'Change workspace settings and rotate its encryption keys',
  'tenant:delete': 'Close the workspace and destroy all its data',
} as const satisfies Record<string, string>;

export type Permission = keyof typeof PERMISSIONS;

export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

export function isPermission(value: string): value is Permission {
  return Object.hasOwn(PERMISSIONS, value);
}
