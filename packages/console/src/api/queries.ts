import { useQuery } from '@tanstack/react-query';
import { useApi, useSessionState } from './context';
import { unwrap } from './errors';
import type { components, paths } from './schema.gen';

/** What `GET /v1/me` answers: the person, their workspace, role and permissions. */
export type Me = paths['/v1/me']['get']['responses'][200]['content']['application/json'];
export type ApiSchemas = components['schemas'];

export const queryKeys = {
  me: ['me'] as const,
};

/** The signed-in person; every screen's navigation and permission checks read it. */
export function useMe() {
  const { client } = useApi();
  const signedIn = useSessionState() === 'signed-in';
  return useQuery({ queryKey: queryKeys.me, queryFn: () => unwrap(client.GET('/v1/me')), staleTime: 60_000, enabled: signedIn });
}
