import { ScrollTable } from '../../components/scroll-table';
import { Alert, Button, Card, Group, NumberInput, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { slaPolicyInputSchema } from '@rapport/domain/browser';
import { useState, type FormEvent } from 'react';
import { unwrap, useApi, useMe, type ApiSchemas } from '../../api';
import { ConfirmButton } from '../../components/confirm-button';
import { ErrorState, LoadingState } from '../../components/states';
import { checkPaths, sentence } from '../../forms/validation';
import { Page } from '../../shell/page';
import { adminKeys, useChange } from './admin-queries';

/** A coloured alert's title in the text colour: Mantine's light title colours fall below AA contrast. */
const ALERT_TEXT = { title: { color: 'var(--mantine-color-text)' } };

type Targets = ApiSchemas['SlaPolicy']['targets'];
const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
const PRIORITY_WORDS = { urgent: 'Urgent', high: 'High', normal: 'Normal', low: 'Low' } as const;

/** Minutes in words a support lead reads at a glance: "1 h 30 min", "2 days". */
export function minutesInWords(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440} day${minutes === 1440 ? '' : 's'}`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return [hours ? `${hours} h` : '', rest ? `${rest} min` : ''].filter(Boolean).join(' ');
}

function SlaPolicy({ editable }: { editable: boolean }) {
  const { client } = useApi();
  const policy = useQuery({ queryKey: adminKeys.sla, queryFn: () => unwrap(client.GET('/v1/tickets/sla')) });
  const save = useChange((targets: Targets) => unwrap(client.PUT('/v1/tickets/sla', { body: { targets } })), [adminKeys.sla]);
  const [draft, setDraft] = useState<Targets | null>(null);
  if (policy.isPending) return <LoadingState label="Loading the service levels…" />;
  if (policy.isError) return <ErrorState error={policy.error} onRetry={() => void policy.refetch()} />;
  const targets = draft ?? policy.data.targets;
  // The API's own rules (whole minutes, at least 1, resolution not before the first response), as the person types.
  const checked = checkPaths(slaPolicyInputSchema, { targets });
  const set = (priority: (typeof PRIORITIES)[number], which: 'firstResponseMinutes' | 'resolutionMinutes', value: number) =>
    setDraft({ ...targets, [priority]: { ...targets[priority], [which]: value } });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!checked.ok) return;
    void save.mutateAsync(targets).then(() => setDraft(null), () => undefined);
  };

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="sla-title">
      <Title order={2} size="h4" id="sla-title">
        Service levels (SLA)
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        How soon a ticket of each priority gets its first answer and is resolved, in calendar minutes (business hours are not counted separately).{' '}
        {policy.data.updatedAt ? `Last changed ${new Date(policy.data.updatedAt).toLocaleString()}.` : 'These are the defaults: never changed.'} A change applies to tickets created from then on.
      </Text>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ScrollTable label="Service level targets" minWidth={340}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Priority</Table.Th>
                  <Table.Th scope="col">First response (minutes)</Table.Th>
                  <Table.Th scope="col">Resolution (minutes)</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {PRIORITIES.map((priority) => (
                  <Table.Tr key={priority}>
                    <Table.Th scope="row">{PRIORITY_WORDS[priority]}</Table.Th>
                    {(['firstResponseMinutes', 'resolutionMinutes'] as const).map((which) => (
                      <Table.Td key={which}>
                        <NumberInput
                          aria-label={`${PRIORITY_WORDS[priority]}: ${which === 'firstResponseMinutes' ? 'first response' : 'resolution'} in minutes`}
                          min={1}
                          allowDecimal={false}
                          readOnly={!editable}
                          value={targets[priority][which]}
                          onChange={(value) => set(priority, which, typeof value === 'number' ? value : Number(value))}
                          description={minutesInWords(targets[priority][which])}
                          error={sentence(which === 'firstResponseMinutes' ? 'First response' : 'Resolution', checked.errors[`targets.${priority}.${which}`])}
                        />
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
          {save.isError ? <ErrorState error={save.error} /> : null}
          {save.isSuccess && !draft ? (
            <Text role="status" size="sm">
              Saved: new tickets are due by these targets.
            </Text>
          ) : null}
          {editable ? (
            <Group>
              <Button type="submit" loading={save.isPending} disabled={!draft || !checked.ok} aria-describedby={checked.ok ? undefined : 'sla-incomplete'}>
                Save service levels
              </Button>
              {checked.ok ? null : (
                <Text size="sm" id="sla-incomplete">
                  Fix the targets marked above to save.
                </Text>
              )}
              {draft ? (
                <Button variant="default" onClick={() => setDraft(null)}>
                  Discard
                </Button>
              ) : null}
            </Group>
          ) : (
            <Text size="sm">Your role can see the service levels; changing them needs tickets:manage.</Text>
          )}
        </Stack>
      </form>
    </Card>
  );
}

function KeyRotation() {
  const { client } = useApi();
  const rotate = useChange(() => unwrap(client.POST('/v1/tenant/keys/rotate')), []);
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="keys-title">
      <Title order={2} size="h4" id="keys-title">
        Encryption keys
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Personal data is encrypted with keys of this workspace alone. Rotating makes a new key version for everything written from now on; what is stored
        stays readable.
      </Text>
      <Stack align="flex-start">
        <ConfirmButton
          label="Rotate the keys"
          variant="default"
          title="Rotate the encryption keys?"
          confirmLabel="Rotate"
          busy={rotate.isPending}
          onConfirm={() => rotate.mutateAsync(undefined).then(() => undefined, () => undefined)}
        >
          <Text>New writes use a new key version at once. Nothing stored becomes unreadable.</Text>
        </ConfirmButton>
        {rotate.isError ? <ErrorState error={rotate.error} /> : null}
        {rotate.data ? (
          <Alert color="green" styles={ALERT_TEXT} role="status" title="Keys rotated">
            Key version {rotate.data.activeVersion} now encrypts new writes; {rotate.data.rewrapped} stored data keys were re-wrapped under it.
          </Alert>
        ) : null}
      </Stack>
    </Card>
  );
}

/**
 * Settings of the whole workspace: the service levels of tickets (shown to whoever may read
 * tickets, changed by tickets:manage, as the API allows) and its encryption keys (settings:manage).
 */
export default function WorkspacePage() {
  const me = useMe();
  if (me.isPending) return <LoadingState />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  const can = (permission: string) => me.data.permissions.includes(permission);
  return (
    <Page title="Workspace settings">
      {can('tickets:read') ? <SlaPolicy editable={can('tickets:manage')} /> : null}
      {can('settings:manage') ? <KeyRotation /> : null}
    </Page>
  );
}
