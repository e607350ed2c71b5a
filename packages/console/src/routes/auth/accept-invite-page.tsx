import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { acceptInviteSchema, emailSchema } from '@rapport/domain/browser';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError, unwrap, useApi } from '../../api';
import { NewPasswordInput } from '../../components/password-rules';
import { ErrorState } from '../../components/states';
import { check, sentence, type FieldErrors } from '../../forms/validation';
import { Page } from '../../shell/page';
import { useLogIn } from './use-log-in';

/** Who to ask for a new link: the inviter when the API names them (`details.inviter`), else an admin. */
function whomToAsk(details: Record<string, unknown>): string {
  const inviter = details.inviter ?? details.invitedBy;
  const named =
    typeof inviter === 'string'
      ? inviter
      : inviter && typeof inviter === 'object'
        ? [(inviter as { name?: unknown }).name, (inviter as { email?: unknown }).email].filter((part) => typeof part === 'string').join(', ')
        : '';
  return named ? `Ask ${named}, who invited you, to send you a new invitation.` : 'Ask the person who invited you, or an admin of your workspace, to send you a new invitation.';
}

function InviteGone({ error }: { error: ApiError }) {
  const reason = error.details.reason;
  const what =
    reason === 'used'
      ? 'This invitation has already been used. If you set your password then, log in with it.'
      : reason === 'expired'
        ? 'This invitation has expired: invitations work for a limited time.'
        : 'This invitation link is not valid any more.';
  return (
    <Alert color="orange" title="This link does not work any more" role="alert">
      <Text>{what}</Text>
      <Text mt="xs">{whomToAsk(error.details)}</Text>
    </Alert>
  );
}

/**
 * The page the invitation mail links to (`/accept-invite?token=…`): choose a password, then land in
 * the workspace. The email is asked for only to log in afterwards (the token does not carry it).
 */
export default function AcceptInvitePage() {
  const { client } = useApi();
  const logIn = useLogIn();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [values, setValues] = useState({ email: '', password: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  if (!token) {
    return (
      <Page title="Join your team">
        <Alert color="orange" title="This link is incomplete" role="alert">
          Open the link from your invitation email as it is, or ask the person who invited you for a new one.
        </Alert>
      </Page>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const accepted = check(acceptInviteSchema, { token, password: values.password });
    const email = check(emailSchema, values.email);
    setErrors({ ...accepted.errors, ...(email.ok ? {} : { email: email.errors[''] }) });
    setFailure(null);
    if (!accepted.ok || !email.ok) return;
    setBusy(true);
    try {
      await unwrap(client.POST('/v1/auth/accept-invite', { body: accepted.data }));
      await logIn({ email: email.data, password: accepted.data.password });
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  };

  return (
    <Page title="Join your team">
      <Text>Choose a password to finish setting up your account.</Text>
      {failure instanceof ApiError && failure.code === 'INVITE_GONE' ? (
        <InviteGone error={failure} />
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            <TextInput
              label="Your email"
              description="The address this invitation was sent to"
              type="email"
              autoComplete="email"
              required
              value={values.email}
              onChange={(event) => setValues({ ...values, email: event.currentTarget.value })}
              error={sentence('Email', errors.email)}
            />
            <NewPasswordInput label="Password" id="password-rules" value={values.password} onChange={(password) => setValues({ ...values, password })} error={sentence('Password', errors.password)} />
            {failure ? <ErrorState error={failure} /> : null}
            <Button type="submit" loading={busy}>
              Set password and join
            </Button>
          </Stack>
        </form>
      )}
      <Text size="sm">
        Already joined?{' '}
        <Anchor component={Link} to="/login">
          Log in
        </Anchor>
      </Text>
    </Page>
  );
}
