import { Alert, Button, Card, Group, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { changePasswordInputSchema } from '@rapport/domain/browser';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { unwrap, useApi, useMe } from '../../api';
import { NewPasswordInput } from '../../components/password-rules';
import { ErrorState, LoadingState } from '../../components/states';
import { fieldErrorsOf } from '../../forms/api-errors';
import { check, sentence, type FieldErrors } from '../../forms/validation';
import { Page } from '../../shell/page';

/** Changes the person's own password, checked with the API's own rules as they type. */
function ChangePasswordForm() {
  const { client } = useApi();
  const [values, setValues] = useState({ currentPassword: '', newPassword: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [state, setState] = useState<'idle' | 'saving' | 'saved' | 'failed'>('idle');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = check(changePasswordInputSchema, values);
    setErrors(checked.errors);
    if (!checked.ok) return;
    setState('saving');
    try {
      await unwrap(client.POST('/v1/me/password', { body: checked.data }));
      setValues({ currentPassword: '', newPassword: '' });
      setState('saved');
    } catch (error) {
      const fields = fieldErrorsOf(error);
      setErrors(fields);
      setState(Object.keys(fields).length > 0 ? 'idle' : 'failed');
    }
  };

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="password-title">
      <Title order={2} size="h4" id="password-title" mb="sm">
        Change your password
      </Title>
      <form onSubmit={submit} noValidate>
        <Stack>
          <PasswordInput
            label="Current password"
            autoComplete="current-password"
            value={values.currentPassword}
            onChange={(event) => setValues({ ...values, currentPassword: event.currentTarget.value })}
            error={sentence('Current password', errors.currentPassword)}
          />
          <NewPasswordInput label="New password" id="new-password-rules" value={values.newPassword} onChange={(newPassword) => setValues({ ...values, newPassword })} error={sentence('New password', errors.newPassword)} />
          {state === 'saved' ? (
            <Alert color="teal" title="Password changed" role="status">
              Use the new password the next time you log in.
            </Alert>
          ) : null}
          {state === 'failed' ? (
            <Alert color="red" title="The password was not changed" role="alert">
              Rapport could not change it just now. Try again in a moment.
            </Alert>
          ) : null}
          <Group>
            <Button type="submit" loading={state === 'saving'}>
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

/** The signed-in person: who they are, in which workspace with which role; their password; log out here or everywhere. */
export default function AccountPage() {
  const me = useMe();
  const { client, session } = useApi();
  const [endingEverywhere, setEndingEverywhere] = useState(false);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  if (me.isPending) return <LoadingState />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;

  const logOut = async () => {
    session.signOut();
    queryClient.clear();
    await navigate('/login', { replace: true });
  };
  /** Ends every session of this person (other devices too) at the API, then this one. */
  const logOutEverywhere = async () => {
    setEndingEverywhere(true);
    // Signed out here either way: a failure at the API must not keep this device signed in.
    await unwrap(client.POST('/v1/auth/logout', { body: {} })).catch(() => undefined);
    await logOut();
  };
  const rows = [
    ['Name', me.data.user.name],
    ['Email', me.data.user.email],
    ['Workspace', me.data.tenant.name],
    ['Role', me.data.role],
  ] as const;

  return (
    <Page title="Your account">
      <Card withBorder padding="lg">
        <Stack gap="xs" component="dl" m={0}>
          {rows.map(([label, value]) => (
            <Group key={label} gap="sm" wrap="nowrap">
              <Text component="dt" fw={600} w={110}>
                {label}
              </Text>
              <Text component="dd" m={0} style={{ overflowWrap: 'anywhere' }}>
                {value}
              </Text>
            </Group>
          ))}
        </Stack>
      </Card>
      <ChangePasswordForm />
      <Group>
        <Button variant="default" onClick={() => void logOut()}>
          Log out
        </Button>
        <Button variant="outline" color="red" loading={endingEverywhere} onClick={() => void logOutEverywhere()}>
          Log out everywhere
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        “Log out everywhere” ends your sessions on every device and browser, here included.
      </Text>
    </Page>
  );
}
