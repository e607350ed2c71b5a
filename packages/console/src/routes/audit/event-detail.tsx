import { Alert, Button, Code, Stack, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { downloadFile } from '../../components/download';
import { ErrorState } from '../../components/states';
import { useEventProof, type AuditEvent } from './audit-queries';
import { when } from './period';
import { recordWords } from './verify-result';

/** One fact of the event: a row of the detail. */
function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th scope="row" w="30%">
        {label}
      </Table.Th>
      <Table.Td style={{ overflowWrap: 'anywhere' }}>{children}</Table.Td>
    </Table.Tr>
  );
}

/**
 * An event in full: who, what, when, from where and the fields it touched (their names only: the
 * trail never holds values), with its inclusion proof to download once a checkpoint covers it.
 */
export function EventDetail({ event, actorName }: { event: AuditEvent; actorName: (userId: string | null) => string }) {
  const proof = useEventProof();
  const fields = event.changedFields ?? [];
  const details = Object.entries(event.details ?? {});
  return (
    <Stack gap="sm">
      <Table aria-label="The event" withRowBorders>
        <Table.Tbody>
          <Fact label="Who">
            {actorName(event.actor.userId)}
            {event.actor.role ? `, as ${event.actor.role}` : ''}
          </Fact>
          <Fact label="What">
            {event.action} ({event.outcome})
          </Fact>
          <Fact label="Record">{recordWords(event)}</Fact>
          <Fact label="When">{when(event.time)}</Fact>
          <Fact label="From where">
            {event.sourceIp ?? 'No address recorded'}
            {event.userAgent ? <Text size="sm" c="dimmed">{event.userAgent}</Text> : null}
          </Fact>
          <Fact label="Fields touched">{fields.length > 0 ? fields.join(', ') : 'None named'}</Fact>
          {event.targetIds && event.targetIds.length > 0 ? <Fact label="Records touched">{event.targetIds.length}</Fact> : null}
          {details.length > 0 ? <Fact label="Other facts">{details.map(([name, value]) => `${name}: ${String(value)}`).join('; ')}</Fact> : null}
          <Fact label="Event number">{event.seq ?? 'Not numbered yet (archived within seconds)'}</Fact>
          <Fact label="Event id">
            <Code>{event.eventId}</Code>
          </Fact>
          <Fact label="Request id">
            <Code>{event.requestId}</Code>
          </Fact>
        </Table.Tbody>
      </Table>
      <Text size="sm">The trail records the names of the fields a change touched, never their values.</Text>
      <Button
        variant="default"
        loading={proof.isPending}
        onClick={() => void proof.mutateAsync(event.eventId).then((answer) => downloadFile(JSON.stringify(answer, null, 2), `rapport-audit-proof-${event.eventId}.json`, 'application/json'), () => undefined)}
      >
        Download the inclusion proof (JSON)
      </Button>
      {proof.isSuccess ? (
        <Alert color="teal" styles={{ title: { color: 'var(--mantine-color-text)' } }}>
          <Text size="sm">
            Downloaded: the proof that this event is leaf {proof.data.leafIndex} of the tree of {proof.data.treeSize} events the checkpoint signed. docs/audit-proofs.md says how to check it offline.
          </Text>
        </Alert>
      ) : null}
      {proof.isError ? <ErrorState error={proof.error} /> : null}
    </Stack>
  );
}
