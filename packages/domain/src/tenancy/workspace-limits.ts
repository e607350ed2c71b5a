/**
 * How many of a kind one workspace may hold, where its list is answered whole (not paged): the
 * bound is what keeps that answer small, and the OpenAPI document states it as the list's maxItems.
 */
export const WORKSPACE_LIMITS = {
  /** Custom roles (the built-in ones come on top). */
  customRoles: 50,
  /** Ingest keys: one per site or app that sends behaviour events. */
  ingestKeys: 20,
} as const;
