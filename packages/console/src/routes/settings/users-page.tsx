import { ScrollTable } from '../../components/scroll-table';
import { Alert, Badge, Button, Card, Group, Modal, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { inviteUserSchema } from '@rapport/domain/browser';
import { useState, type FormEvent } from 'react';
import { unwrap, useApi, useMe, type Me } from '../../api';
import { ConfirmButton } from '../../components/confirm-button';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { check, sentence, type FieldErrors } from '../../forms/validation';
import { Page } from '../../shell/page';
import { mayGrantRole, userActions, type Actor } from './access-rules';
import { adminKeys, roleName, useChange, useRoles, useUsers, type Role, type User } from './admin-queries';

/** A coloured alert's title in the text colour: Mantine's light title colours fall below AA contrast. */
const ALERT_TEXT = { title: { color: 'var(--mantine-color-text)' } };

const STATUS_WORDS: Record<User['status'], { label: string; color: string }> = {
  active: { label: 'Active', color: 'teal.9' },
  invited: { label: 'Invited', color: 'blue.9' },
  disabled: { label: 'Disabled', color: 'gray.7' },
};

/** The roles as choices, each one the actor may not grant disabled with the reason in its label. */
function roleChoices(actor: Actor, roles: readonly Role[]) {
  return roles.map((role) => {
    const allowed = mayGrantRole(actor, role);
    return { value: role.id, label: allowed.ok ? role.name : `${role.name} (you cannot grant it)`, disabled: !allowed.ok };
  });
}

/** Why some roles cannot be chosen, said once under the choice. */
function ungrantableNote(actor: Actor, roles: readonly Role[]): string | undefined {
  const blocked = roles.map((role) => ({ role, allowed: mayGrantRole(actor, role) })).filter(({ allowed }) => !allowed.ok);
  if (blocked.length === 0) return undefined;
  return blocked.some(({ role }) => role.id === 'owner') && actor.role !== 'owner'
    ? 'Only owners can make owners, and you can grant only roles whose permissions your own role has.'
    : 'You can grant only roles whose permissions your own role has.';
}

function InviteForm({ actor, roles }: { actor: Actor; roles: readonly Role[] }) {
  const { client } = useApi();
  const grantable = roles.filter((role) => mayGrantRole(actor, role).ok);
  const [values, setValues] = useState({ email: '', name: '', roleId: grantable.find((role) => !role.builtIn)?.id ?? grantable.at(-1)?.id ?? '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [sent, setSent] = useState<{ email: string; until: string } | null>(null);
  const invite = useChange((body: typeof values) => unwrap(client.POST('/v1/users', { body })), [adminKeys.users, adminKeys.roles]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = check(inviteUserSchema, values);
    setErrors(checked.errors);
    setSent(null);
    if (!checked.ok) return;
    const invited = await invite.mutateAsync(checked.data).catch(() => null);
    if (!invited) return;
    setSent({ email: invited.email, until: new Date(invited.inviteValidUntil).toLocaleDateString() });
    setValues({ ...values, email: '', name: '' });
  };

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="invite-title">
      <Title order={2} size="h4" id="invite-title" mb="sm">
        Invite a colleague
      </Title>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Group grow align="flex-start" wrap="wrap">
            <TextInput label="Email" type="email" required miw={200} value={values.email} onChange={(event) => setValues({ ...values, email: event.currentTarget.value })} error={sentence('Email', errors.email)} />
            <TextInput label="Name" required miw={200} value={values.name} onChange={(event) => setValues({ ...values, name: event.currentTarget.value })} error={sentence('Name', errors.name)} />
            <NativeSelect
              label="Role"
              miw={200}
              data={roleChoices(actor, roles)}
              value={values.roleId}
              onChange={(event) => setValues({ ...values, roleId: event.currentTarget.value })}
              description={ungrantableNote(actor, roles)}
              error={sentence('Role', errors.roleId)}
            />
          </Group>
          {invite.isError ? <ErrorState error={invite.error} /> : null}
          {sent ? (
            <Alert color="green" styles={ALERT_TEXT} role="status" title="Invitation sent">
              {sent.email} has been emailed a link to join, valid until {sent.until}.
            </Alert>
          ) : null}
          <Group>
            <Button type="submit" loading={invite.isPending}>
              Send invitation
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

/** The changes one user can go through, each disabled with its reason when a rule forbids it. */
function ManageUser({ actor, user, users, roles, onClose }: { actor: Actor; user: User; users: readonly User[]; roles: readonly Role[]; onClose: () => void }) {
  const { client } = useApi();
  const allowed = userActions(actor, user, users, roles.find((role) => role.id === user.roleId));
  const [roleId, setRoleId] = useState(user.roleId);
  const stale = [adminKeys.users, adminKeys.roles];
  const update = useChange((patch: { roleId?: string; status?: 'active' | 'disabled' }) => unwrap(client.PATCH('/v1/users/{id}', { params: { path: { id: user.id } }, body: { ...patch, version: user.version } })), stale);
  const remove = useChange(() => unwrap(client.DELETE('/v1/users/{id}', { params: { path: { id: user.id } } })), stale);
  const failure = update.error ?? remove.error;
  const done = (run: Promise<unknown>) => run.then(onClose, () => undefined);

  return (
    <Stack>
      <Text>
        {user.email} · {STATUS_WORDS[user.status].label}
      </Text>
      <Stack gap={4}>
        <NativeSelect
          label="Role"
          data={roleChoices(actor, roles)}
          value={roleId}
          disabled={!allowed.changeRole.ok}
          onChange={(event) => setRoleId(event.currentTarget.value)}
          description={allowed.changeRole.ok ? ungrantableNote(actor, roles) : allowed.changeRole.reason}
        />
        <Group>
          <Button disabled={!allowed.changeRole.ok || roleId === user.roleId} loading={update.isPending} onClick={() => void done(update.mutateAsync({ roleId }))}>
            Change role
          </Button>
        </Group>
      </Stack>
      <Group align="flex-start">
        {user.status === 'disabled' ? (
          <Stack gap={4}>
            <Button variant="default" disabled={!allowed.enable.ok} onClick={() => void done(update.mutateAsync({ status: 'active' }))}>
              Enable
            </Button>
            {allowed.enable.ok ? null : <Text size="sm" c="dimmed">{allowed.enable.reason}</Text>}
          </Stack>
        ) : (
          <Stack gap={4} maw={260}>
            <Button variant="default" disabled={!allowed.disable.ok} onClick={() => void done(update.mutateAsync({ status: 'disabled' }))}>
              Disable
            </Button>
            {allowed.disable.ok ? null : <Text size="sm" c="dimmed">{allowed.disable.reason}</Text>}
          </Stack>
        )}
        <ConfirmButton
          label={user.status === 'invited' ? 'Cancel invitation' : 'Remove'}
          color="red"
          variant="light"
          maw={260}
          title={`Remove ${user.name}?`}
          confirmLabel="Remove"
          busy={remove.isPending}
          blocked={allowed.remove.ok ? undefined : allowed.remove.reason}
          onConfirm={() => done(remove.mutateAsync(undefined))}
        >
          <Text>{user.name} loses access to the workspace at once. The records they made stay.</Text>
        </ConfirmButton>
      </Group>
      {failure ? <ErrorState error={failure} /> : null}
    </Stack>
  );
}

function UsersTable({ me, users, roles }: { me: Me; users: readonly User[]; roles: readonly Role[] | undefined }) {
  const [managing, setManaging] = useState<User | null>(null);
  const actor: Actor = { role: me.role, permissions: me.permissions };
  const mayManage = me.permissions.includes('users:manage') && roles !== undefined;
  return (
    <>
      <ScrollTable label="Users" minWidth={520}>
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Name</Table.Th>
              <Table.Th scope="col">Role</Table.Th>
              <Table.Th scope="col">Status</Table.Th>
              {mayManage ? <Table.Th scope="col">Actions</Table.Th> : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {users.map((user) => (
              <Table.Tr key={user.id} data-user={user.email}>
                <Table.Td>
                  <Text fw={600}>{user.name}{user.id === me.user.id ? ' (you)' : ''}</Text>
                  <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                    {user.email}
                  </Text>
                </Table.Td>
                <Table.Td>{roleName(roles, user.roleId)}</Table.Td>
                <Table.Td>
                  <Badge color={STATUS_WORDS[user.status].color} variant="filled">
                    {STATUS_WORDS[user.status].label}
                  </Badge>
                </Table.Td>
                {mayManage ? (
                  <Table.Td>
                    <Button size="xs" variant="default" onClick={() => setManaging(user)} aria-label={`Manage ${user.name}`}>
                      Manage
                    </Button>
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      <Modal opened={managing !== null} onClose={() => setManaging(null)} title={managing ? `Manage ${managing.name}` : ''} closeButtonProps={{ 'aria-label': 'Close' }}>
        {managing && roles ? <ManageUser actor={actor} user={managing} users={users} roles={roles} onClose={() => setManaging(null)} /> : null}
      </Modal>
    </>
  );
}

/** The workspace's people: who they are, their role and status; invite, change, disable, remove. */
export default function UsersPage() {
  const me = useMe();
  const canManage = me.data?.permissions.includes('users:manage') ?? false;
  const users = useUsers();
  // The role names need roles:read; without it the list shows role ids.
  const roles = useRoles(me.data?.permissions.includes('roles:read') ?? false);

  if (me.isPending || users.isPending) return <LoadingState label="Loading the people of your workspace…" />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  if (users.isError) return <ErrorState error={users.error} onRetry={() => void users.refetch()} />;
  const actor: Actor = { role: me.data.role, permissions: me.data.permissions };

  return (
    <Page title="Users">
      <Text>Everyone in {me.data.tenant.name}, with the role that decides what they may see and do.</Text>
      {canManage && roles.data ? <InviteForm actor={actor} roles={roles.data} /> : null}
      {canManage && roles.isError ? <ErrorState error={roles.error} onRetry={() => void roles.refetch()} /> : null}
      {users.data.length === 0 ? (
        <EmptyState title="Nobody here yet">Invite your colleagues: each gets an email with a link to join.</EmptyState>
      ) : (
        <UsersTable me={me.data} users={users.data} roles={roles.data} />
      )}
    </Page>
  );
}
