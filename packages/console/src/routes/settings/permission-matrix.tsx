import { ScrollTable } from '../../components/scroll-table';
import { Badge, Checkbox, Table, Text } from '@mantine/core';
import { Fragment } from 'react';
import type { PermissionEntry, Role } from './admin-queries';

/** The areas of the permission catalogue, named for people, in the order a workspace meets them. */
const AREAS: Record<string, string> = {
  contacts: 'Contacts',
  pii: 'Personal data',
  deals: 'Sales',
  pipelines: 'Sales',
  tasks: 'Tasks',
  tickets: 'Service',
  marketing: 'Marketing',
  analytics: 'Analytics',
  users: 'People and roles',
  roles: 'People and roles',
  audit: 'Compliance',
  settings: 'Workspace',
  tenant: 'Workspace',
};

/** The catalogue grouped by area (the part of a permission's name before the colon). */
export function groupByArea(permissions: readonly PermissionEntry[]): { area: string; permissions: PermissionEntry[] }[] {
  const groups = new Map<string, PermissionEntry[]>();
  for (const permission of permissions) {
    const prefix = permission.name.split(':')[0]!;
    const area = AREAS[prefix] ?? prefix.charAt(0).toUpperCase() + prefix.slice(1);
    groups.set(area, [...(groups.get(area) ?? []), permission]);
  }
  return [...groups].map(([area, list]) => ({ area, permissions: list }));
}

export interface MatrixProps {
  permissions: readonly PermissionEntry[];
  roles: readonly Role[];
  /** The unsaved permissions of each role changed here, by role id. */
  drafts: Readonly<Record<string, readonly string[]>>;
  /** Why a cell cannot be changed (null when it can): built-in role, a permission the actor lacks… */
  lockedBecause: (role: Role, permission: string) => string | null;
  onToggle: (role: Role, permission: string, granted: boolean) => void;
}

/**
 * The permission matrix: roles as columns, permissions as rows grouped by area with what each
 * allows. A cell that cannot change is a disabled checkbox whose title says why; a changed cell
 * is marked until the change is saved or discarded.
 */
export function PermissionMatrix({ permissions, roles, drafts, lockedBecause, onToggle }: MatrixProps) {
  const groups = groupByArea(permissions);
  return (
    <ScrollTable label="Permission matrix" minWidth={320 + roles.length * 110}>
      <Table withTableBorder withColumnBorders stickyHeader aria-label="Permissions of each role">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" miw={260}>
              Permission
            </Table.Th>
            {roles.map((role) => (
              <Table.Th key={role.id} scope="col" ta="center" miw={100}>
                <Text fw={700} size="sm">
                  {role.name}
                </Text>
                <Badge size="xs" variant="light" color={role.builtIn ? 'gray' : 'indigo'}>
                  {role.builtIn ? 'built-in' : 'custom'}
                </Badge>
                {drafts[role.id] ? (
                  <Badge size="xs" color="orange" ml={4}>
                    unsaved
                  </Badge>
                ) : null}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {groups.map((group) => (
            <Fragment key={group.area}>
              <Table.Tr bg="var(--mantine-color-gray-1)">
                <Table.Th scope="colgroup" colSpan={roles.length + 1}>
                  {group.area}
                </Table.Th>
              </Table.Tr>
              {group.permissions.map((permission) => (
                <Table.Tr key={permission.name}>
                  <Table.Th scope="row" fw={400}>
                    <Text size="sm" fw={600} ff="monospace">
                      {permission.name}
                    </Text>
                    <Text size="sm" c="dimmed">
                      {permission.description}
                    </Text>
                  </Table.Th>
                  {roles.map((role) => {
                    const held = (drafts[role.id] ?? role.permissions).includes(permission.name);
                    const changed = drafts[role.id] !== undefined && held !== role.permissions.includes(permission.name as Role['permissions'][number]);
                    const locked = lockedBecause(role, permission.name);
                    return (
                      <Table.Td key={role.id} ta="center" bg={changed ? 'var(--mantine-color-yellow-1)' : undefined}>
                        <Checkbox
                          display="inline-block"
                          checked={held}
                          disabled={locked !== null}
                          title={locked ?? undefined}
                          aria-label={`${role.name}: ${permission.name}`}
                          onChange={(event) => onToggle(role, permission.name, event.currentTarget.checked)}
                        />
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Fragment>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}
