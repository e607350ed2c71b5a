import { Alert, Badge, Button, Card, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { unwrap, useApi, type ApiClient, type ApiSchemas } from '../../api';
import { ConfirmButton } from '../../components/confirm-button';
import { SecretOnce } from '../../components/secret-once';
import { ErrorState } from '../../components/states';
import { QueryTable } from '../../components/query-table';
import { Page } from '../../shell/page';
import { adminKeys, useChange } from './admin-queries';
import { WebhookDeliveries } from './webhook-deliveries';
import { fieldsOf, WebhookForm, type WebhookValues } from './webhook-form';

type Webhook = ApiSchemas['Webhook'];

/** A create or change body from the form: an empty description is none (or cleared on a change). */
const bodyOf = fieldsOf;

/** Sends the webhook a signed test ping now; it shows in the delivery log like any delivery. */
function sendTest(client: ApiClient, id: string) {
  return unwrap(client.POST('/v1/webhooks/{id}/test', { params: { path: { id } } }));
}

function WebhookRow({ webhook, onEdit, onLog, onSecret }: { webhook: Webhook; onEdit: () => void; onLog: () => void; onSecret: (secret: string) => void }) {
  const { client } = useApi();
  const path = { params: { path: { id: webhook.id } } };
  const rotate = useChange(() => unwrap(client.POST('/v1/webhooks/{id}/rotate-secret', path)), [adminKeys.webhooks]);
  const remove = useChange(() => unwrap(client.DELETE('/v1/webhooks/{id}', path)), [adminKeys.webhooks]);
  const test = useChange(() => sendTest(client, webhook.id), [adminKeys.deliveries(webhook.id)]);
  const failure = rotate.error ?? remove.error ?? test.error;
  return (
    <Table.Tr>
      <Table.Td>
        <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
          {webhook.url}
        </Text>
        {webhook.description ? (
          <Text size="sm" c="dimmed">
            {webhook.description}
          </Text>
        ) : null}
        {failure ? <ErrorState error={failure} /> : null}
        {test.isSuccess ? (
          <Text size="sm" role="status">
            A test event is on its way: see the delivery log.
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>{webhook.events.includes('*') ? 'Every event' : webhook.events.join(', ')}</Table.Td>
      <Table.Td>
        <Badge color={webhook.enabled ? 'teal.9' : 'gray.7'} variant="filled">
          {webhook.enabled ? 'Delivering' : 'Paused'}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Group gap="xs" align="flex-start">
          <Button size="xs" variant="default" onClick={onEdit} aria-label={`Edit ${webhook.url}`}>
            Edit
          </Button>
          <Button size="xs" variant="default" onClick={onLog} aria-label={`Delivery log of ${webhook.url}`}>
            Delivery log
          </Button>
          <Button size="xs" variant="default" loading={test.isPending} onClick={() => void test.mutateAsync(undefined).catch(() => undefined)} aria-label={`Send test to ${webhook.url}`}>
            Send test
          </Button>
          <ConfirmButton
            label="New secret"
            size="xs"
            variant="default"
            aria-label={`New secret for ${webhook.url}`}
            title="Make a new signing secret?"
            confirmLabel="Make new secret"
            busy={rotate.isPending}
            onConfirm={() => rotate.mutateAsync(undefined).then((rotated) => onSecret(rotated.secret), () => undefined)}
          >
            <Text>The old secret stops verifying at once: the receiver must switch to the new one, which is shown only once.</Text>
          </ConfirmButton>
          <ConfirmButton
            label="Delete"
            size="xs"
            color="red"
            variant="light"
            aria-label={`Delete ${webhook.url}`}
            title="Delete this webhook?"
            confirmLabel="Delete webhook"
            busy={remove.isPending}
            onConfirm={() => remove.mutateAsync(undefined).then(() => undefined, () => undefined)}
          >
            <Text>Events stop going to {webhook.url}, and its delivery log is deleted with it.</Text>
          </ConfirmButton>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

/** Outbound events: where they go, which ones, the delivery log, the signing secret, a test event. */
export default function WebhooksPage() {
  const { client } = useApi();
  const webhooks = useQuery({ queryKey: adminKeys.webhooks, queryFn: async () => (await unwrap(client.GET('/v1/webhooks', { params: { query: { limit: 100 } } }))).items });
  const create = useChange((values: WebhookValues) => unwrap(client.POST('/v1/webhooks', { body: bodyOf(values) as never })), [adminKeys.webhooks]);
  const [editing, setEditing] = useState<Webhook | null>(null);
  const update = useChange(
    ({ webhook, values }: { webhook: Webhook; values: WebhookValues }) =>
      unwrap(
        client.PATCH('/v1/webhooks/{id}', {
          params: { path: { id: webhook.id } },
          body: { ...bodyOf(values), ...(values.description.trim() ? {} : { description: null }), enabled: values.enabled, version: webhook.version } as never,
        }),
      ),
    [adminKeys.webhooks],
  );
  const [log, setLog] = useState<Webhook | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);

  return (
    <Page title="Webhooks">
      <Text>Rapport tells your other systems what changed by sending signed events to their address. Each event names the record and the fields that changed, never their values.</Text>
      {secret ? <SecretOnce title="The signing secret" secret={secret} onDone={() => setSecret(null)} /> : null}
      <Card withBorder padding="lg" component="section" aria-labelledby="new-webhook-title">
        <Title order={2} size="h4" id="new-webhook-title" mb="sm">
          New webhook
        </Title>
        <WebhookForm
          key={formKey}
          initial={{ url: '', events: ['*'], description: '', enabled: true }}
          submitLabel="Add webhook"
          busy={create.isPending}
          error={create.error}
          onSubmit={(values) =>
            void create.mutateAsync(values).then(
              (created) => {
                setSecret(created.secret);
                setFormKey(formKey + 1);
              },
              () => undefined,
            )
          }
        />
      </Card>
      <QueryTable
        query={webhooks}
        label="Webhooks"
        minWidth={720}
        loading="Loading the webhooks…"
        empty={{ title: 'No webhooks yet', text: 'Add one above to send events to another system.' }}
        columns={['Receiver', 'Events', 'State', 'Actions']}
      >
        {(rows) => rows.map((webhook) => <WebhookRow key={webhook.id} webhook={webhook} onEdit={() => setEditing(webhook)} onLog={() => setLog(webhook)} onSecret={setSecret} />)}
      </QueryTable>
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title="Edit webhook" size="lg" closeButtonProps={{ 'aria-label': 'Close' }}>
        {editing ? (
          <WebhookForm
            initial={{ url: editing.url, events: [...editing.events], description: editing.description ?? '', enabled: editing.enabled }}
            submitLabel="Save"
            withEnabled
            busy={update.isPending}
            error={update.error}
            onCancel={() => setEditing(null)}
            onSubmit={(values) => void update.mutateAsync({ webhook: editing, values }).then(() => setEditing(null), () => undefined)}
          />
        ) : null}
      </Modal>
      <Modal opened={log !== null} onClose={() => setLog(null)} title="Delivery log" size="xl" closeButtonProps={{ 'aria-label': 'Close' }}>
        {log ? (
          <Stack>
            <Alert color="gray">
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                {log.url}
              </Text>
            </Alert>
            <WebhookDeliveries webhookId={log.id} />
          </Stack>
        ) : null}
      </Modal>
    </Page>
  );
}
