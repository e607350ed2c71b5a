import { Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { signupInputSchema } from '@rapport/domain/browser';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { unwrap, useApi } from '../../api';
import { NewPasswordInput } from '../../components/password-rules';
import { ErrorState } from '../../components/states';
import { check, sentence, type FieldErrors } from '../../forms/validation';
import { Page } from '../../shell/page';
import { useLogIn } from './use-log-in';

const FIELDS = [
  { name: 'companyName', label: 'Company', autoComplete: 'organization' },
  { name: 'name', label: 'Your name', autoComplete: 'name' },
  { name: 'email', label: 'Email', autoComplete: 'email', type: 'email' },
] as const;

/** A founder creates the workspace and its owner, then is logged in and sent to get started. */
export default function SignupPage() {
  const { client } = useApi();
  const logIn = useLogIn();
  const [values, setValues] = useState({ companyName: '', name: '', email: '', password: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = check(signupInputSchema, values);
    setErrors(checked.errors);
    setFailure(null);
    if (!checked.ok) return;
    setBusy(true);
    try {
      await unwrap(client.POST('/v1/signup', { body: checked.data }));
      await logIn({ email: checked.data.email, password: checked.data.password });
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  };

  return (
    <Page title="Create your workspace">
      <Text>One workspace for your company. You will be its owner and can invite your team next.</Text>
      <form onSubmit={submit} noValidate>
        <Stack>
          {FIELDS.map((field) => (
            <TextInput
              key={field.name}
              label={field.label}
              autoComplete={field.autoComplete}
              type={'type' in field ? field.type : 'text'}
              required
              value={values[field.name]}
              onChange={(event) => setValues({ ...values, [field.name]: event.currentTarget.value })}
              error={sentence(field.label, errors[field.name])}
            />
          ))}
          <NewPasswordInput label="Password" id="password-rules" value={values.password} onChange={(password) => setValues({ ...values, password })} error={sentence('Password', errors.password)} />
          {failure ? <ErrorState error={failure} /> : null}
          <Button type="submit" loading={busy}>
            Create workspace
          </Button>
        </Stack>
      </form>
      <Text size="sm">
        Already have an account?{' '}
        <Anchor component={Link} to="/login">
          Log in
        </Anchor>
      </Text>
    </Page>
  );
}
