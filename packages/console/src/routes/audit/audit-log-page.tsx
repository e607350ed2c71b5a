import { Badge, Button, Modal, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { ScrollTable } from '../../components/scroll-table';
import { Page } from '../../shell/page';
import { useCan, useUsers } from '../settings/admin-queries';
import { useActorNames, useAuditEvents, type AuditEvent, type AuditFilters } from './audit-queries';
import { EventDetail } from './event-detail';
import { isDay, lastDays, periodWords, when } from './period';
import { PeriodForm } from './period-form';
import { recordWords } from './verify-result';

const OUTCOME_COLOR = { success: 'teal.9', denied: 'orange.9', failure: 'red.9' } as const;

/** The filters the address holds (so a filtered view can be shared), the last 7 days by default. */
function filtersOf(params: URLSearchParams): AuditFilters {
  const from = params.get('from');
  const to = params.get('to');
  const period = isDay(from) && isDay(to) ? { from, to } : lastDays(7);
  const optional = (name: 'actor' | 'action' | 'target') => (params.get(name) ? { [name]: params.get(name)! } : {});
  return { ...period, ...optional('actor'), ...optional('action'), ...optional('target') };
}

/** Loads the next page when the end of the list scrolls into view (the button does it by keyboard). */
function useLoadOnView(load: () => void, active: boolean) {
  const sentinel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = sentinel.current;
    if (!element || !active || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) load();
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [load, active]);
  return sentinel;
}

/** The person who acted: a list of the team when the viewer may read it, a user id otherwise. */
function ActorField({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const canReadUsers = useCan('users:read');
  const users = useUsers(canReadUsers);
  if (canReadUsers && users.data) {
    return (
      <NativeSelect
        label="Who"
        data={[{ value: '', label: 'Anyone' }, ...users.data.map((user) => ({ value: user.id, label: user.name }))]}
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
      />
    );
  }
  return <TextInput label="Who (user id)" placeholder="Anyone" value={value} onChange={(event) => onChange(event.currentTarget.value)} />;
}

/** The audit log: who did what, when and from where, newest first, filtered by period, person, action and record. */
export default function AuditLogPage() {
  const [params, setParams] = useSearchParams();
  const filters = filtersOf(params);
  const events = useAuditEvents(filters);
  const actorName = useActorNames();
  const [actor, setActor] = useState(filters.actor ?? '');
  const [action, setAction] = useState(filters.action ?? '');
  const [target, setTarget] = useState(filters.target ?? '');
  const [open, setOpen] = useState<AuditEvent | null>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = events;
  const sentinel = useLoadOnView(() => void fetchNextPage(), hasNextPage && !isFetchingNextPage);
  const items = events.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Page title="Audit log">
      <Text>Everything done in the workspace — by whom, when, from where and to which record — newest first. Changes name the fields they touched, never their values.</Text>
      <PeriodForm
        key={`${filters.from}/${filters.to}`}
        initial={filters}
        submitLabel="Show events"
        error={events.error}
        onSubmit={(period) => {
          const next = new URLSearchParams({ from: period.from, to: period.to });
          if (actor.trim()) next.set('actor', actor.trim());
          if (action.trim()) next.set('action', action.trim());
          if (target.trim()) next.set('target', target.trim());
          setParams(next);
        }}
      >
        <ActorField value={actor} onChange={setActor} />
        <TextInput label="Action" placeholder="e.g. contact.updated" value={action} onChange={(event) => setAction(event.currentTarget.value)} />
        <TextInput label="Record id" placeholder="Any record" value={target} onChange={(event) => setTarget(event.currentTarget.value)} />
      </PeriodForm>
      {events.isPending ? <LoadingState label="Loading the audit log…" /> : null}
      {events.isError ? <ErrorState error={events.error} onRetry={() => void events.refetch()} /> : null}
      {events.isSuccess && items.length === 0 ? (
        <EmptyState title="No events match">Nothing was recorded for {periodWords(filters)} with these filters. Widen the period or clear a filter.</EmptyState>
      ) : null}
      {items.length > 0 ? (
        <Stack gap="sm">
          <ScrollTable label="Audit events" minWidth={640}>
            <Table striped aria-label="Audit events, newest first">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">When</Table.Th>
                  <Table.Th scope="col">Who</Table.Th>
                  <Table.Th scope="col">What</Table.Th>
                  <Table.Th scope="col">Record</Table.Th>
                  <Table.Th scope="col">Detail</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((event) => (
                  <Table.Tr key={event.eventId} data-action={event.action}>
                    <Table.Td>{when(event.time)}</Table.Td>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>{actorName(event.actor.userId)}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{event.action}</Text>
                      {event.outcome !== 'success' ? (
                        <Badge color={OUTCOME_COLOR[event.outcome]} variant="filled" size="sm">
                          {event.outcome}
                        </Badge>
                      ) : null}
                    </Table.Td>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>{recordWords(event)}</Table.Td>
                    <Table.Td>
                      <Button size="xs" variant="default" onClick={() => setOpen(event)} aria-label={`Details of ${event.action} at ${when(event.time)}`}>
                        Details
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
          <div ref={sentinel} />
          {hasNextPage ? (
            <Button variant="default" loading={isFetchingNextPage} onClick={() => void fetchNextPage()}>
              Show older events
            </Button>
          ) : (
            <Text size="sm" c="dimmed">
              That is every event of {periodWords(filters)}{filters.actor || filters.action || filters.target ? ' matching the filters' : ''}.
            </Text>
          )}
        </Stack>
      ) : null}
      <Modal opened={open !== null} onClose={() => setOpen(null)} title="Audit event" size="lg" closeButtonProps={{ 'aria-label': 'Close the event' }}>
        {open ? <EventDetail event={open} actorName={actorName} /> : null}
      </Modal>
    </Page>
  );
}
