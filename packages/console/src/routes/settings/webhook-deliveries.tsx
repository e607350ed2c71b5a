import { ScrollTable } from '../../components/scroll-table';
import { Badge, Button, Stack, Table, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { unwrap, useApi } from '../../api';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { adminKeys } from './admin-queries';

const STATUS_COLOR = { delivered: 'teal.9', retrying: 'orange.9', failed: 'red.9' } as const;

/** The delivery log of one webhook (the last 30 days), newest first, a page at a time. */
export function WebhookDeliveries({ webhookId }: { webhookId: string }) {
  const { client } = useApi();
  const deliveries = useInfiniteQuery({
    queryKey: adminKeys.deliveries(webhookId),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => unwrap(client.GET('/v1/webhooks/{id}/deliveries', { params: { path: { id: webhookId }, query: { limit: 25, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  if (deliveries.isPending) return <LoadingState label="Loading the deliveries…" />;
  if (deliveries.isError) return <ErrorState error={deliveries.error} onRetry={() => void deliveries.refetch()} />;
  const attempts = deliveries.data.pages.flatMap((page) => page.items);
  if (attempts.length === 0) return <EmptyState title="No deliveries in the last 30 days">Events appear here as they are sent to the receiver.</EmptyState>;
  return (
    <Stack>
      <ScrollTable label="Deliveries" minWidth={560}>
        <Table striped aria-label="Delivery attempts">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">When</Table.Th>
              <Table.Th scope="col">Event</Table.Th>
              <Table.Th scope="col">Result</Table.Th>
              <Table.Th scope="col">Details</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {attempts.map((attempt) => (
              <Table.Tr key={attempt.id}>
                <Table.Td>{new Date(attempt.attemptedAt).toLocaleString()}</Table.Td>
                <Table.Td>
                  <Text size="sm">{attempt.eventType}</Text>
                  <Text size="xs" c="dimmed">
                    attempt {attempt.attempt}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge color={STATUS_COLOR[attempt.status]} variant="filled">
                    {attempt.status}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {attempt.statusCode === null ? 'No answer' : `HTTP ${attempt.statusCode}`} in {Math.round(attempt.durationMs)} ms
                  </Text>
                  {attempt.error ? <Text size="sm">{attempt.error}</Text> : null}
                  {attempt.nextRetryAt ? <Text size="sm">Next try {new Date(attempt.nextRetryAt).toLocaleString()}</Text> : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      {deliveries.hasNextPage ? (
        <Button variant="default" loading={deliveries.isFetchingNextPage} onClick={() => void deliveries.fetchNextPage()}>
          Show older deliveries
        </Button>
      ) : null}
    </Stack>
  );
}
