/** What `POST /v1/auth/login` and `POST /v1/auth/refresh` answer. */
export interface SessionTokens {
  accessToken: string;
  /** Absent on a refresh: the one we have stays valid. */
  refreshToken?: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
}

export interface SessionOptions {
  /**
   * Where the refresh token is kept: sessionStorage in the browser. The access token lives only in
   * memory. A refresh token in sessionStorage survives a reload of the tab (so a reload does not
   * log the person out) and dies with the tab; it is readable by script in this origin, which the
   * strict CSP (script-src 'self') guards. An httpOnly cookie would keep it from script entirely
   * but needs the API to set and read cookies (and CSRF protection on refresh): a later change.
   */
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  /** Exchanges a refresh token for new tokens; null when the API refuses it (expired, revoked). */
  refresh: (refreshToken: string) => Promise<SessionTokens | null>;
  /** Refresh this long before the access token expires. @default 60_000 */
  refreshMarginMs?: number;
  now?: () => number;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

export type SessionState = 'signed-in' | 'signed-out' | 'expired';

export interface Session {
  /** The access token for the Authorization header, or null when signed out. */
  accessToken(): string | null;
  state(): SessionState;
  signIn(tokens: SessionTokens): void;
  /** Forgets every token (the caller signs out at the API first, where it can). */
  signOut(): void;
  /**
   * Gets a new access token with the refresh token; concurrent callers share one request. When the
   * API refuses it, the session ends as `expired` (the person logs in again and comes back).
   */
  refresh(): Promise<boolean>;
  /** After a reload: signs in again from the stored refresh token, if there is one. */
  restore(): Promise<boolean>;
  /** Called on every change of state; returns the unsubscribe function. */
  subscribe(listener: (state: SessionState) => void): () => void;
}

const REFRESH_TOKEN_KEY = 'rapport.refreshToken';

/** The browser session: tokens, their timely refresh, and who to tell when it ends. */
export function createSession(options: SessionOptions): Session {
  const margin = options.refreshMarginMs ?? 60_000;
  const setTimer = options.setTimer ?? ((callback, ms) => setTimeout(callback, ms));
  const clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  const listeners = new Set<(state: SessionState) => void>();
  let accessToken: string | null = null;
  let current: SessionState = 'signed-out';
  let timer: unknown = null;
  let refreshing: Promise<boolean> | null = null;

  const setState = (next: SessionState) => {
    if (next === current) return;
    current = next;
    for (const listener of listeners) listener(next);
  };
  const forget = (next: SessionState) => {
    accessToken = null;
    if (timer !== null) clearTimer(timer);
    timer = null;
    options.storage.removeItem(REFRESH_TOKEN_KEY);
    setState(next);
  };
  const accept = (tokens: SessionTokens) => {
    accessToken = tokens.accessToken;
    if (tokens.refreshToken) options.storage.setItem(REFRESH_TOKEN_KEY, tokens.refreshToken);
    if (timer !== null) clearTimer(timer);
    timer = setTimer(() => void session.refresh(), Math.max(5_000, tokens.expiresIn * 1000 - margin));
    setState('signed-in');
  };

  const session: Session = {
    accessToken: () => accessToken,
    state: () => current,
    signIn: accept,
    signOut: () => forget('signed-out'),
    refresh() {
      refreshing ??= (async () => {
        const refreshToken = options.storage.getItem(REFRESH_TOKEN_KEY);
        const tokens = refreshToken ? await options.refresh(refreshToken).catch(() => null) : null;
        if (tokens) accept(tokens);
        else forget(current === 'signed-out' ? 'signed-out' : 'expired');
        return tokens !== null;
      })().finally(() => {
        refreshing = null;
      });
      return refreshing;
    },
    restore: () => (options.storage.getItem(REFRESH_TOKEN_KEY) ? session.refresh() : Promise.resolve(false)),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return session;
}
