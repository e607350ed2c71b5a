import { Button, Card, Group, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { roleCreateSchema } from '@rapport/domain/browser';
import { useState, type FormEvent } from 'react';
import { unwrap, useApi, useMe } from '../../api';
import { ConfirmButton } from '../../components/confirm-button';
import { ErrorState, LoadingState } from '../../components/states';
import { check, sentence, type FieldErrors } from '../../forms/validation';
import { Page } from '../../shell/page';
import { holdersOf, missingToGrant, roleActions, type Actor } from './access-rules';
import { adminKeys, useChange, usePermissions, useRoles, useUsers, type Role, type User } from './admin-queries';
import { PermissionMatrix } from './permission-matrix';

type Permission = Role['permissions'][number];

function NewRoleForm({ actor, roles }: { actor: Actor; roles: readonly Role[] }) {
  const { client } = useApi();
  const [values, setValues] = useState({ name: '', description: '', from: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const create = useChange((body: { name: string; description?: string | undefined; permissions: Permission[] }) => unwrap(client.POST('/v1/roles', { body })), [adminKeys.roles]);
  const startingPoints = roles.filter((role) => missingToGrant(actor, role.permissions).length === 0);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const permissions = roles.find((role) => role.id === values.from)?.permissions ?? [];
    const checked = check(roleCreateSchema, { name: values.name, permissions, ...(values.description.trim() ? { description: values.description } : {}) });
    setErrors(checked.errors);
    if (!checked.ok) return;
    const created = await create.mutateAsync(checked.data).catch(() => null);
    if (created) setValues({ name: '', description: '', from: '' });
  };

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="new-role-title">
      <Title order={2} size="h4" id="new-role-title" mb="sm">
        New custom role
      </Title>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Group grow align="flex-start" wrap="wrap">
            <TextInput label="Role name" required miw={200} value={values.name} onChange={(event) => setValues({ ...values, name: event.currentTarget.value })} error={sentence('Role name', errors.name)} />
            <TextInput label="Description" miw={200} value={values.description} onChange={(event) => setValues({ ...values, description: event.currentTarget.value })} error={sentence('Description', errors.description)} />
            <NativeSelect
              label="Start from"
              miw={200}
              description="Its permissions are copied; change them in the matrix below."
              data={[{ value: '', label: 'No permissions' }, ...startingPoints.map((role) => ({ value: role.id, label: role.name }))]}
              value={values.from}
              onChange={(event) => setValues({ ...values, from: event.currentTarget.value })}
            />
          </Group>
          {create.isError ? <ErrorState error={create.error} /> : null}
          <Group>
            <Button type="submit" loading={create.isPending}>
              Create role
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

/** A role's unsaved change: what it adds and removes, whom it reaches; save or discard. */
function PendingChange({ role, draft, users, onDone }: { role: Role; draft: readonly string[]; users: readonly User[] | undefined; onDone: () => void }) {
  const { client } = useApi();
  const save = useChange(
    () => unwrap(client.PATCH('/v1/roles/{id}', { params: { path: { id: role.id } }, body: { permissions: draft as Permission[], ...(role.version ? { version: role.version } : {}) } })),
    [adminKeys.roles],
  );
  const added = draft.filter((permission) => !role.permissions.includes(permission as Permission));
  const removed = role.permissions.filter((permission) => !draft.includes(permission));
  const holders = holdersOf(role, users);
  const reach =
    holders.count === 0
      ? 'Nobody holds this role yet.'
      : `This changes what ${holders.count === 1 ? 'one person' : `${holders.count} people`} may do${holders.names ? `: ${holders.names.join(', ')}` : ''}, from their next request.`;
  return (
    <Card withBorder padding="md" component="section" aria-label={`Unsaved changes to ${role.name}`}>
      <Stack gap="xs">
        <Text fw={700}>Unsaved changes to {role.name}</Text>
        {added.length > 0 ? <Text size="sm">Adds: {added.join(', ')}</Text> : null}
        {removed.length > 0 ? <Text size="sm">Removes: {removed.join(', ')}</Text> : null}
        {added.length + removed.length === 0 ? <Text size="sm">No change left: the permissions are as saved.</Text> : null}
        <Text size="sm" data-testid="affected">
          {reach}
        </Text>
        {save.isError ? <ErrorState error={save.error} /> : null}
        <Group>
          <Button loading={save.isPending} disabled={added.length + removed.length === 0} onClick={() => void save.mutateAsync(undefined).then(onDone, () => undefined)}>
            Save {role.name}
          </Button>
          <Button variant="default" onClick={onDone}>
            Discard
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function CustomRoles({ actor, roles, users }: { actor: Actor; roles: readonly Role[]; users: readonly User[] | undefined }) {
  const { client } = useApi();
  const remove = useChange((id: string) => unwrap(client.DELETE('/v1/roles/{id}', { params: { path: { id } } })), [adminKeys.roles]);
  const custom = roles.filter((role) => !role.builtIn);
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="custom-roles-title">
      <Title order={2} size="h4" id="custom-roles-title" mb="sm">
        Custom roles
      </Title>
      {custom.length === 0 ? <Text c="dimmed">No custom roles yet. The built-in roles cannot be changed; make one of your own to fit your team.</Text> : null}
      <Stack>
        {custom.map((role) => {
          const holders = holdersOf(role, users);
          const allowed = roleActions(actor, role, holders.count);
          return (
            <Group key={role.id} justify="space-between" align="flex-start" wrap="wrap">
              <div>
                <Text fw={600}>{role.name}</Text>
                <Text size="sm" c="dimmed">
                  {role.description ? `${role.description} · ` : ''}
                  {role.permissions.length} permissions · held by {holders.names ? (holders.names.length ? holders.names.join(', ') : 'nobody') : holders.count}
                </Text>
              </div>
              <ConfirmButton
                label={`Delete ${role.name}`}
                color="red"
                variant="light"
                size="xs"
                maw={280}
                title={`Delete the role ${role.name}?`}
                confirmLabel="Delete role"
                busy={remove.isPending}
                blocked={allowed.remove.ok ? undefined : allowed.remove.reason}
                onConfirm={() => remove.mutateAsync(role.id).then(() => undefined, () => undefined)}
              >
                <Text>Nobody holds it, so nobody loses access. This cannot be undone.</Text>
              </ConfirmButton>
            </Group>
          );
        })}
        {remove.isError ? <ErrorState error={remove.error} /> : null}
      </Stack>
    </Card>
  );
}

/**
 * Roles as a permission matrix: every role a column, every permission a row, grouped by area with
 * what it allows. Built-in roles are read-only; a custom role changes by its checkboxes, and the
 * change shows whom it reaches before it is saved.
 */
export default function RolesPage() {
  const me = useMe();
  const permissions = usePermissions();
  const roles = useRoles();
  const users = useUsers(me.data?.permissions.includes('users:read') ?? false);
  const [drafts, setDrafts] = useState<Record<string, readonly string[]>>({});

  if (me.isPending || permissions.isPending || roles.isPending) return <LoadingState label="Loading the roles and permissions…" />;
  for (const query of [me, permissions, roles]) if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (!me.data || !permissions.data || !roles.data) return null;

  const actor: Actor = { role: me.data.role, permissions: me.data.permissions };
  const canManage = actor.permissions.includes('roles:manage');
  const lockedBecause = (role: Role, permission: string): string | null => {
    const allowed = roleActions(actor, role, 0).edit;
    if (!allowed.ok) return allowed.reason;
    const beyond = missingToGrant(actor, role.permissions);
    if (beyond.length > 0) return `This role holds ${beyond.join(', ')}, which your own role does not have, so you cannot change it.`;
    if (!actor.permissions.includes(permission)) return `You cannot grant ${permission}: your own role does not have it.`;
    return null;
  };
  const toggle = (role: Role, permission: string, granted: boolean) => {
    const current = drafts[role.id] ?? role.permissions;
    const next = granted ? [...current, permission] : current.filter((name) => name !== permission);
    setDrafts({ ...drafts, [role.id]: next });
  };
  const discard = (roleId: string) => {
    const { [roleId]: _dropped, ...rest } = drafts;
    setDrafts(rest);
  };

  return (
    <Page title="Roles">
      <Text>
        A role is a set of permissions; each person has one role. The built-in roles are fixed. {canManage ? 'Tick the boxes of a custom role to change it: nothing changes until you save.' : 'Your role may look but not change them.'}
      </Text>
      {canManage ? <NewRoleForm actor={actor} roles={roles.data} /> : null}
      {roles.data
        .filter((role) => drafts[role.id])
        .map((role) => (
          <PendingChange key={role.id} role={role} draft={drafts[role.id]!} users={users.data} onDone={() => discard(role.id)} />
        ))}
      <PermissionMatrix permissions={permissions.data} roles={roles.data} drafts={drafts} lockedBecause={lockedBecause} onToggle={toggle} />
      {canManage ? <CustomRoles actor={actor} roles={roles.data} users={users.data} /> : null}
    </Page>
  );
}
