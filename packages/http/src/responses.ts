export interface HttpResponse {
  statusCode: number;
  /** Serialised as JSON. */
  body?: unknown;
  /** Sent as it is, for other media types (set `content-type` in `headers`). */
  rawBody?: string;
  headers?: Record<string, string>;
}

export const ok = (body: unknown, headers?: Record<string, string>): HttpResponse => ({ statusCode: 200, body, ...(headers ? { headers } : {}) });
export const created = (body: unknown, headers?: Record<string, string>): HttpResponse => ({ statusCode: 201, body, ...(headers ? { headers } : {}) });
export const noContent = (): HttpResponse => ({ statusCode: 204 });

/** Sent on every response: JSON that no browser sniffs, caches or serves over plain HTTP. */
export const BASE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
};
