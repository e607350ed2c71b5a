import { Alert, Button, Card, Code, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { downloadFile } from '../../components/download';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { ScrollTable } from '../../components/scroll-table';
import { Page } from '../../shell/page';
import { useCheckpoints, useEvidenceExport } from './audit-queries';
import { lastDays, periodWords, when, type PeriodDays } from './period';
import { PeriodForm } from './period-form';

/** The period's evidence as the API exports it, saved as a JSON Lines file. */
function EvidenceExport() {
  const evidence = useEvidenceExport();
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="export-title">
      <Title order={2} size="h4" id="export-title" mb="xs">
        Evidence export
      </Title>
      <Text mb="sm">
        One JSON Lines file for up to 31 days: a manifest with the public key that signs the trail, every archived file of events and every signed digest of the period. An outside auditor
        can check it on their own, without Rapport.
      </Text>
      <PeriodForm
        initial={lastDays(1)}
        submitLabel="Download the evidence"
        busy={evidence.isPending}
        error={evidence.error}
        onSubmit={(period) =>
          void evidence.mutateAsync(period).then((text) => downloadFile(text, `rapport-audit-evidence-${period.from}-to-${period.to}.jsonl`, 'application/x-ndjson'), () => undefined)
        }
      />
      {evidence.isSuccess ? (
        <Text mt="sm" role="status">
          Downloaded the evidence of {periodWords(evidence.variables)}.
        </Text>
      ) : null}
      {evidence.isError ? <ErrorState error={evidence.error} /> : null}
    </Card>
  );
}

/** The signed checkpoints of a period, with what one proves. */
function Checkpoints() {
  const [period, setPeriod] = useState<PeriodDays>(() => lastDays(31));
  const checkpoints = useCheckpoints(period);
  const items = checkpoints.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="checkpoints-title">
      <Title order={2} size="h4" id="checkpoints-title" mb="xs">
        Signed checkpoints
      </Title>
      <Text mb="xs">
        A checkpoint is Rapport’s signed statement that the first <em>N</em> events of the trail (its tree size) hash to one root. Anyone with the public key can then check that an event
        is among them (its inclusion proof, on each event of the audit log) and that a later checkpoint only adds events to an earlier one. Had any of those events been changed, removed or
        reordered since, the root would no longer match.
      </Text>
      <PeriodForm initial={period} submitLabel="Show checkpoints" error={checkpoints.error} onSubmit={setPeriod} />
      <Stack mt="sm" gap="sm">
        {checkpoints.isPending ? <LoadingState label="Loading the checkpoints…" /> : null}
        {checkpoints.isError ? <ErrorState error={checkpoints.error} onRetry={() => void checkpoints.refetch()} /> : null}
        {checkpoints.isSuccess && items.length === 0 ? (
          <EmptyState title="No checkpoints in this period">Rapport signs a checkpoint shortly after new events are archived. Widen the period to see older ones.</EmptyState>
        ) : null}
        {items.length > 0 ? (
          <ScrollTable label="Checkpoints" minWidth={640}>
            <Table striped aria-label="Signed checkpoints, newest first">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Signed at</Table.Th>
                  <Table.Th scope="col">Tree size</Table.Th>
                  <Table.Th scope="col">Root</Table.Th>
                  <Table.Th scope="col">Signed with</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map(({ key, checkpoint }) => (
                  <Table.Tr key={key}>
                    <Table.Td>{when(checkpoint.createdAt)}</Table.Td>
                    <Table.Td>
                      {checkpoint.treeSize} {checkpoint.treeSize === 1 ? 'event' : 'events'}
                    </Table.Td>
                    <Table.Td>
                      <Code style={{ overflowWrap: 'anywhere' }}>{checkpoint.rootHash}</Code>
                    </Table.Td>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>
                      <Text size="sm">{checkpoint.signature.algorithm}</Text>
                      <Text size="xs" c="dimmed">
                        {checkpoint.signature.keyId}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        ) : null}
        {checkpoints.hasNextPage ? (
          <Button variant="default" loading={checkpoints.isFetchingNextPage} onClick={() => void checkpoints.fetchNextPage()}>
            Show older checkpoints
          </Button>
        ) : null}
      </Stack>
    </Card>
  );
}

/** The audit trail's evidence: an export of a period, and the signed checkpoints with their time. */
export default function EvidencePage() {
  return (
    <Page title="Evidence and checkpoints">
      <Alert color="gray">
        <Text size="sm">Keep an export of each period you review: with the checkpoints below it shows, to anyone, that the trail was not rewritten afterwards.</Text>
      </Alert>
      <EvidenceExport />
      <Checkpoints />
    </Page>
  );
}
