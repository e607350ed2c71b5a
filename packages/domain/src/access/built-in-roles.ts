import { ALL_PERMISSIONS, type Permission } from './permissions';

/**
 * The roles every workspace has. They live in code, not in the table, so they cannot be edited
 * or deleted, and every tenant gets a fix to them at once. The README documents this table.
 */
export const BUILT_IN_ROLES = {
  owner: {
    name: 'Owner',
    description: 'Everything, including closing the workspace',
    permissions: ALL_PERMISSIONS,
  },
  admin: {
    name: 'Admin',
    description: 'Everything except closing the workspace',
    permissions: ALL_PERMISSIONS.filter((permission) => permission !== 'tenant:delete'),
  },
  sales_manager: {
    name: 'Sales manager',
    description: 'All contacts and deals, with personal data, export, pipelines, the numbers; sees the team',
    permissions: [
      'contacts:read', 'contacts:read_all', 'contacts:write', 'contacts:delete', 'contacts:export', 'pii:read', 'users:read', 'roles:read',
      'deals:read', 'deals:write', 'pipelines:manage', 'tasks:read', 'tasks:write', 'tickets:read', 'marketing:read', 'analytics:read',
    ],
  },
  sales_rep: {
    name: 'Sales rep',
    description: 'The contacts, deals and tasks they own, with personal data',
    permissions: ['contacts:read', 'contacts:write', 'pii:read', 'deals:read', 'deals:write', 'tasks:read', 'tasks:write'],
  },
  support_agent: {
    name: 'Support agent',
    description: 'All contacts, with personal data, to help any customer; works tickets and tasks',
    permissions: ['contacts:read', 'contacts:read_all', 'contacts:write', 'pii:read', 'tickets:read', 'tickets:write', 'tasks:read', 'tasks:write'],
  },
  support_manager: {
    name: 'Support manager',
    description: 'What support agents do, plus the SLA targets and the numbers; sees the team',
    permissions: [
      'contacts:read', 'contacts:read_all', 'contacts:write', 'pii:read', 'tickets:read', 'tickets:write', 'tickets:manage',
      'tasks:read', 'tasks:write', 'analytics:read', 'users:read',
    ],
  },
  marketer: {
    name: 'Marketer',
    description: 'All contacts without personal data in clear; segments, campaigns, the numbers; export for campaigns',
    permissions: ['contacts:read', 'contacts:read_all', 'contacts:export', 'marketing:read', 'marketing:write', 'analytics:read'],
  },
  compliance_auditor: {
    name: 'Compliance auditor',
    description: 'The audit log, users and roles; contacts without personal data in clear',
    permissions: ['audit:read', 'contacts:read', 'contacts:read_all', 'users:read', 'roles:read'],
  },
  read_only: {
    name: 'Read only',
    description: 'Sees all contacts, deals, tasks, tickets, campaigns and the numbers, personal data masked; changes nothing',
    permissions: ['contacts:read', 'contacts:read_all', 'deals:read', 'tasks:read', 'tickets:read', 'marketing:read', 'analytics:read'],
  },
} as const satisfies Record<string, { name: string; description: string; permissions: readonly Permission[] }>;

export type BuiltInRoleId = keyof typeof BUILT_IN_ROLES;

export const OWNER_ROLE: BuiltInRoleId = 'owner';

export function isBuiltInRole(roleId: string): roleId is BuiltInRoleId {
  return Object.hasOwn(BUILT_IN_ROLES, roleId);
}

/** A role name as a person reads it: case, spaces, dashes and underscores do not tell roles apart. */
const comparable = (name: string) => name.normalize('NFKC').toLowerCase().replace(/[\s_\-.]+/g, '');

const RESERVED_ROLE_NAMES = new Set(Object.entries(BUILT_IN_ROLES).flatMap(([id, role]) => [comparable(id), comparable(role.name)]));

/**
 * Whether a custom role's name would read as a built-in role's ("owner", "Admin", "sales_rep"):
 * a custom role named so would pass for one in the users list and in invitations.
 */
export function isReservedRoleName(name: string): boolean {
  return RESERVED_ROLE_NAMES.has(comparable(name));
}
