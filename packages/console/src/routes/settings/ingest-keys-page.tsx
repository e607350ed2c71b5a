import { Button, Card, Code, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { ingestKeyCreateSchema } from '@rapport/domain/browser';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { unwrap, useApi } from '../../api';
import { ConfirmButton } from '../../components/confirm-button';
import { SecretOnce } from '../../components/secret-once';
import { ErrorState } from '../../components/states';
import { QueryTable } from '../../components/query-table';
import { fieldErrorsOf } from '../../forms/api-errors';
import { check, sentence } from '../../forms/validation';
import { Page } from '../../shell/page';
import { adminKeys, useChange } from './admin-queries';

/** Write-only keys for the behaviour events of the workspace's website or app; a secret is shown once. */
export default function IngestKeysPage() {
  const { client } = useApi();
  const keys = useQuery({ queryKey: adminKeys.ingestKeys, queryFn: async () => (await unwrap(client.GET('/v1/ingest-keys'))).items });
  const create = useChange((name: string) => unwrap(client.POST('/v1/ingest-keys', { body: { name } })), [adminKeys.ingestKeys]);
  const remove = useChange((id: string) => unwrap(client.DELETE('/v1/ingest-keys/{id}', { params: { path: { id } } })), [adminKeys.ingestKeys]);
  const [name, setName] = useState('');
  const [typed, setTyped] = useState(false);
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);
  const errors = fieldErrorsOf(create.error);
  // The API's own rule for a name, checked as the person types (once they have typed).
  const checked = check(ingestKeyCreateSchema, { name });
  const nameError = (typed ? checked.errors.name : undefined) ?? errors.name;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!checked.ok) return;
    const created = await create.mutateAsync(name).catch(() => null);
    if (!created) return;
    setSecret({ name: created.name, secret: created.secret });
    setName('');
    setTyped(false);
  };

  return (
    <Page title="Ingest keys">
      <Text>
        Your website or app sends page views and clicks to <Code>POST /v1/events</Code> with a key in the <Code>x-ingest-key</Code> header. A key can only
        send events: it reads nothing.
      </Text>
      {secret ? <SecretOnce title={`The key “${secret.name}”`} secret={secret.secret} onDone={() => setSecret(null)} /> : null}
      <Card withBorder padding="lg" component="section" aria-labelledby="new-key-title">
        <Title order={2} size="h4" id="new-key-title" mb="sm">
          New ingest key
        </Title>
        <form onSubmit={submit} noValidate>
          <Stack>
            <TextInput
              label="Name"
              description="Where it is used, such as “Shop website”"
              required
              value={name}
              onChange={(event) => {
                setName(event.currentTarget.value);
                setTyped(true);
              }}
              error={sentence('Name', nameError)}
            />
            {create.isError && Object.keys(errors).length === 0 ? <ErrorState error={create.error} /> : null}
            <Group>
              <Button type="submit" loading={create.isPending} disabled={!checked.ok} aria-describedby={checked.ok ? undefined : 'new-key-incomplete'}>
                Create key
              </Button>
              {checked.ok ? null : (
                <Text size="sm" c="dimmed" id="new-key-incomplete">
                  {typed && checked.errors.name ? 'Fix the name before creating the key.' : 'Name the key to create it.'}
                </Text>
              )}
            </Group>
          </Stack>
        </form>
      </Card>
      <QueryTable
        query={keys}
        label="Ingest keys"
        minWidth={420}
        loading="Loading the ingest keys…"
        empty={{ title: 'No ingest keys yet', text: 'Create one for each site or app that sends events, so each can be revoked on its own.' }}
        columns={['Name', 'Created', 'Actions']}
      >
        {(rows) =>
          rows.map((key) => (
            <Table.Tr key={key.id}>
              <Table.Td>{key.name}</Table.Td>
              <Table.Td>{new Date(key.createdAt).toLocaleDateString()}</Table.Td>
              <Table.Td>
                <ConfirmButton
                  label="Revoke"
                  aria-label={`Revoke ${key.name}`}
                  size="xs"
                  color="red"
                  variant="light"
                  title={`Revoke the key ${key.name}?`}
                  confirmLabel="Revoke key"
                  busy={remove.isPending}
                  onConfirm={() => remove.mutateAsync(key.id).then(() => undefined, () => undefined)}
                >
                  <Text>Events sent with it are refused from now on. This cannot be undone.</Text>
                </ConfirmButton>
              </Table.Td>
            </Table.Tr>
          ))
        }
      </QueryTable>
      {remove.isError ? <ErrorState error={remove.error} /> : null}
    </Page>
  );
}
