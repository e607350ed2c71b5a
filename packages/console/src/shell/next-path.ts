/** The place to return to after logging in: only a path of this console, never another site. */
export function safeNext(value: string | null | undefined, fallback: string): string {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : fallback;
}

/** The log-in path that brings the person back to `here` afterwards. */
export function loginPath(here: string, reason?: 'expired'): string {
  const params = new URLSearchParams({ next: here });
  if (reason) params.set('reason', reason);
  return `/login?${params.toString()}`;
}
