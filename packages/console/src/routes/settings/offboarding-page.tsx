import { Alert, Button, List, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { unwrap, useApi, useMe } from '../../api';
import { ErrorState, LoadingState } from '../../components/states';
import { Page } from '../../shell/page';
import { RECEIPT_PATH } from '../auth/workspace-closed-page';

/**
 * Closing the workspace for good: the owner types its name, the API destroys its keys (so every
 * encrypted value and backup becomes unreadable) and then its data, and answers with a dated
 * receipt. The session ends with the workspace; the receipt is shown on a page outside it.
 */
export default function OffboardingPage() {
  const me = useMe();
  const { client } = useApi();
  const navigate = useNavigate();
  const [typed, setTyped] = useState('');
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (me.isPending) return <LoadingState />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  const name = me.data.tenant.name;
  const matches = typed === name;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!matches) return;
    setBusy(true);
    setFailure(null);
    try {
      const receipt = await unwrap(client.DELETE('/v1/tenant', { body: { confirm: typed } }));
      // The receipt page ends the session once it shows: signing out here, while this page (inside
      // the signed-in layout) is still mounted, would send the person to log-in instead.
      await navigate(RECEIPT_PATH, { replace: true, state: { receipt, workspace: name } });
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  };

  return (
    <Page title="Close the workspace">
      <Alert color="red" title="This destroys everything, for good" role="note">
        <Stack gap="xs">
          <Text>Closing {name}:</Text>
          <List size="sm">
            <List.Item>destroys the workspace's encryption keys first, so its personal data and backups can never be read again;</List.Item>
            <List.Item>then deletes its contacts, companies, deals, tickets and every other record, and removes every user;</List.Item>
            <List.Item>logs everyone out, you included. Nobody can undo it, not even Rapport's support.</List.Item>
          </List>
          <Text>You get a dated receipt to keep, as proof of the erasure.</Text>
        </Stack>
      </Alert>
      <form onSubmit={submit} noValidate>
        <Stack maw={480}>
          <TextInput
            label={`Type the workspace's name, ${name}, to confirm`}
            autoComplete="off"
            required
            value={typed}
            onChange={(event) => setTyped(event.currentTarget.value)}
            description={typed && !matches ? 'This is not the name yet: type it exactly, with the same capitals.' : undefined}
          />
          {failure ? <ErrorState error={failure} /> : null}
          <Button type="submit" color="red" disabled={!matches} loading={busy}>
            Close the workspace and destroy its data
          </Button>
        </Stack>
      </form>
    </Page>
  );
}
