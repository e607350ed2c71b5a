import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { loginInputSchema } from '@rapport/domain/browser';
import { useState, type FormEvent } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { useSessionState } from '../../api';
import { ErrorState } from '../../components/states';
import { check, sentence, type FieldErrors } from '../../forms/validation';
import { Page } from '../../shell/page';
import { safeNext } from '../../shell/next-path';
import { HOME_PATH } from '../registry';
import { useLogIn } from './use-log-in';

/** Log in with email and password; then back to where the person was. */
export default function LoginPage() {
  const [params] = useSearchParams();
  const logIn = useLogIn();
  const signedIn = useSessionState() === 'signed-in';
  const [values, setValues] = useState({ email: '', password: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  if (signedIn && !busy) return <Navigate to={safeNext(params.get('next'), HOME_PATH)} replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = check(loginInputSchema, values);
    setErrors(checked.errors);
    setFailure(null);
    if (!checked.ok) return;
    setBusy(true);
    try {
      await logIn(checked.data);
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  };

  return (
    <Page title="Log in">
      {params.get('reason') === 'expired' ? (
        <Alert color="blue" title="Your session ended">
          Log in again to continue where you were.
        </Alert>
      ) : null}
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label="Email"
            type="email"
            autoComplete="email"
            required
            value={values.email}
            onChange={(event) => setValues({ ...values, email: event.currentTarget.value })}
            error={sentence('Email', errors.email)}
          />
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            required
            value={values.password}
            onChange={(event) => setValues({ ...values, password: event.currentTarget.value })}
            error={sentence('Password', errors.password)}
          />
          {failure ? <ErrorState error={failure} /> : null}
          <Button type="submit" loading={busy}>
            Log in
          </Button>
        </Stack>
      </form>
      <Text size="sm">
        New to Rapport?{' '}
        <Anchor component={Link} to="/signup">
          Create your workspace
        </Anchor>
      </Text>
    </Page>
  );
}
