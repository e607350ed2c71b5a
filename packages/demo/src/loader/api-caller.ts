/**
 * The loader's HTTP client: JSON in and out, with retries for what a busy local stack answers
 * (429, 5xx, a refused or reset connection), backing off exponentially with jitter. Any other
 * answer that is not 2xx is an error naming the route and status, so a wrong body shows at once.
 */
export interface ApiAnswer<T = any> {
  status: number;
  body: T;
}

export class DemoLoadError extends Error {
  override readonly name = 'DemoLoadError';
  constructor(
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface ApiCallerOptions {
  baseUrl: string;
  /** Attempts per request, the first included. @default 6 */
  attempts?: number;
  /** The first retry's wait; each next one doubles. @default 200 */
  baseDelayMs?: number;
  /** Sends a request: the global `fetch` by default; the console passes one that carries its session. */
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
  /** Cancels the load: a request in flight is aborted, none is retried or sent after it. */
  signal?: AbortSignal;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Statuses that are an answer, not an error (a probe for a route). */
  accept?: readonly number[];
}

export type ApiCaller = <T = any>(method: string, path: string, options?: CallOptions) => Promise<ApiAnswer<T>>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const retryable = (status: number) => status === 429 || status >= 500;

export function createApiCaller({ baseUrl, attempts = 6, baseDelayMs = 200, fetch: send = (url, init) => fetch(url, init), signal }: ApiCallerOptions): ApiCaller {
  return async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    let lastProblem = '';
    // A 429 says how long to wait (the rate limits); nothing sooner would be let through.
    let retryAfterMs = 0;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1) await sleep(Math.max(retryAfterMs, baseDelayMs * 2 ** (attempt - 2) * (0.5 + Math.random())));
      signal?.throwIfAborted();
      let response: Response;
      try {
        response = await send(`${baseUrl}${path}`, { method, headers, ...(signal ? { signal } : {}), ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }) });
      } catch (error) {
        signal?.throwIfAborted();
        lastProblem = `connection failed (${(error as Error).message})`;
        continue;
      }
      const text = await response.text();
      const body = text && response.headers.get('content-type')?.startsWith('application/json') ? JSON.parse(text) : text;
      if (response.ok || options.accept?.includes(response.status)) return { status: response.status, body };
      if (!retryable(response.status)) {
        // Error bodies name fields and reasons, never the values sent.
        throw new DemoLoadError(`${method} ${path.replace(/[0-9A-HJKMNP-TV-Z]{26}/g, '{id}')} answered ${response.status}: ${typeof body === 'string' ? body : JSON.stringify(body)}`, response.status);
      }
      retryAfterMs = 1000 * (Number(response.headers.get('retry-after')) || 0);
      lastProblem = `answered ${response.status}`;
    }
    throw new DemoLoadError(`${method} ${path.replace(/[0-9A-HJKMNP-TV-Z]{26}/g, '{id}')} failed after ${attempts} attempts: ${lastProblem}`);
  };
}
