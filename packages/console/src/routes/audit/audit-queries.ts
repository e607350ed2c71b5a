import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { unwrap, useApi, type ApiSchemas } from '../../api';
import type { paths } from '../../api/schema.gen';
import { useCan, useUsers } from '../settings/admin-queries';
import { periodQuery, type PeriodDays } from './period';

export type AuditEvent = ApiSchemas['AuditEvent'];
export type SignedCheckpoint = ApiSchemas['SignedCheckpoint'];
export type Verification = paths['/v1/audit/verify']['post']['responses'][200]['content']['application/json'];
export type EventProof = paths['/v1/audit/events/{id}/proof']['get']['responses'][200]['content']['application/json'];

/** What the audit log browser filters on, as the address holds it. */
export interface AuditFilters extends PeriodDays {
  actor?: string;
  action?: string;
  target?: string;
}

/** The cache keys of the compliance screens. */
export const auditKeys = {
  events: (filters: AuditFilters) => ['audit', 'events', filters] as const,
  checkpoints: (period: PeriodDays) => ['audit', 'checkpoints', period] as const,
};

const PAGE = 50;

/** The audit events of a period matching the filters, newest first, a page at a time. */
export function useAuditEvents(filters: AuditFilters) {
  const { client } = useApi();
  const { actor, action, target } = filters;
  return useInfiniteQuery({
    queryKey: auditKeys.events(filters),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        client.GET('/v1/audit/events', {
          params: { query: { ...periodQuery(filters), limit: PAGE, ...(actor ? { actor } : {}), ...(action ? { action } : {}), ...(target ? { target } : {}), ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** The signed checkpoints created in a period, newest first, a page at a time. */
export function useCheckpoints(period: PeriodDays) {
  const { client } = useApi();
  return useInfiniteQuery({
    queryKey: auditKeys.checkpoints(period),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => unwrap(client.GET('/v1/audit/checkpoints', { params: { query: { ...periodQuery(period), limit: PAGE, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** Runs a verification of a period. */
export function useVerify() {
  const { client } = useApi();
  return useMutation({ mutationFn: (period: PeriodDays) => unwrap(client.POST('/v1/audit/verify', { body: periodQuery(period) })) });
}

/** The evidence of a period as the API exports it (JSON Lines). */
export function useEvidenceExport() {
  const { client } = useApi();
  return useMutation({ mutationFn: (period: PeriodDays) => unwrap(client.GET('/v1/audit/export', { params: { query: periodQuery(period) }, parseAs: 'text' })) });
}

/** An event's inclusion proof against the latest signed checkpoint. */
export function useEventProof() {
  const { client } = useApi();
  return useMutation({ mutationFn: (id: string) => unwrap(client.GET('/v1/audit/events/{id}/proof', { params: { path: { id } } })) });
}

/**
 * Who a user id is, for people: their name when the viewer may read the team (`users:read`), the
 * id itself otherwise (an auditor's role need not see the team to check the trail).
 */
export function useActorNames(): (userId: string | null) => string {
  const canReadUsers = useCan('users:read');
  const users = useUsers(canReadUsers);
  return (userId) => {
    if (userId === null) return 'Rapport itself (no signed-in person)';
    const user = users.data?.find((candidate) => candidate.id === userId);
    return user ? `${user.name} (${user.email})` : userId;
  };
}
