import { useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { unwrap, useApi, useMe, type ApiSchemas } from '../../api';

export type User = ApiSchemas['User'];
export type Role = ApiSchemas['Role'];
export type PermissionEntry = { name: string; description: string };

/** The cache keys of the admin screens: a change invalidates exactly what it made stale. */
export const adminKeys = {
  users: ['users'] as const,
  roles: ['roles'] as const,
  permissions: ['permissions'] as const,
  fields: ['fields'] as const,
  webhooks: ['webhooks'] as const,
  deliveries: (webhookId: string) => ['webhooks', webhookId, 'deliveries'] as const,
  ingestKeys: ['ingest-keys'] as const,
  sla: ['sla'] as const,
};

/** Whether the signed-in person's role holds `permission` (false while /v1/me loads). */
export function useCan(permission: string): boolean {
  return useMe().data?.permissions.includes(permission) ?? false;
}

/** The workspace users; loaded only for a role that may list them. */
export function useUsers(enabled = true) {
  const { client } = useApi();
  return useQuery({ queryKey: adminKeys.users, queryFn: async () => (await unwrap(client.GET('/v1/users'))).items, enabled });
}

/** Built-in and custom roles. */
export function useRoles(enabled = true) {
  const { client } = useApi();
  return useQuery({ queryKey: adminKeys.roles, queryFn: async () => (await unwrap(client.GET('/v1/roles'))).items, enabled });
}

/** The permission catalogue with each permission's description. */
export function usePermissions() {
  const { client } = useApi();
  return useQuery({ queryKey: adminKeys.permissions, queryFn: async () => (await unwrap(client.GET('/v1/permissions'))).items as PermissionEntry[], staleTime: Infinity });
}

/** A change through the API that, once done, makes `stale` load again. */
export function useChange<I, O>(run: (input: I) => Promise<O>, stale: QueryKey[]) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: async () => {
      await Promise.all(stale.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
    },
  });
}

/** A role's name for people: the API's name, or the id when the roles cannot be read. */
export function roleName(roles: readonly Role[] | undefined, roleId: string): string {
  return roles?.find((role) => role.id === roleId)?.name ?? roleId;
}
