/** Failures of the HTTP edge itself: the request, not the domain, is wrong. */
export type HttpErrorCode =
  | 'VALIDATION_FAILED'
  | 'MALFORMED_JSON'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNAUTHENTICATED'
  | 'ROUTE_NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'IDEMPOTENCY_KEY_IN_PROGRESS'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'RATE_LIMITED';

export interface FieldProblem {
  /** Where the problem is: a body field path (`tags.2`), `query.limit`, `path.id` or a header name. */
  field: string;
  message: string;
}

export class HttpError extends Error {
  readonly code: HttpErrorCode;
  readonly details?: Record<string, unknown>;
  readonly headers?: Record<string, string>;

  constructor(
    code: HttpErrorCode,
    message: string,
    options: { cause?: unknown; details?: Record<string, unknown>; headers?: Record<string, string> } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'HttpError';
    this.code = code;
    if (options.details) this.details = options.details;
    if (options.headers) this.headers = options.headers;
  }
}

/** Input that does not fit its schema; `fields` names each problem. */
export class ValidationError extends HttpError {
  readonly fields: FieldProblem[];

  constructor(fields: FieldProblem[]) {
    const summary = fields.map((problem) => `${problem.field} ${problem.message}`).join('; ');
    super('VALIDATION_FAILED', `Invalid request: ${summary}`, { details: { fields } });
    this.name = 'ValidationError';
    this.fields = fields;
  }
}

export class UnauthenticatedError extends HttpError {
  constructor(message = 'A valid access token is required: send it as "Authorization: Bearer <token>"', cause?: unknown) {
    super('UNAUTHENTICATED', message, { cause, headers: { 'www-authenticate': 'Bearer' } });
    this.name = 'UnauthenticatedError';
  }
}

/**
 * Over the workspace's (or the ingest key's) rate limit: answered before the route does anything,
 * with `Retry-After` and the RateLimit-* headers the caller can pace itself by.
 */
export class RateLimitedError extends HttpError {
  constructor(state: { limit: number; windowSeconds: number; retryAfterSeconds: number }, headers: Record<string, string>) {
    const { limit, windowSeconds, retryAfterSeconds } = state;
    super('RATE_LIMITED', `Too many requests: at most ${limit} in ${windowSeconds === 1 ? 'a second' : 'a minute'}; try again in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}`, {
      details: { limit, windowSeconds, retryAfterSeconds },
      headers: { ...headers, 'retry-after': String(retryAfterSeconds) },
    });
    this.name = 'RateLimitedError';
  }
}
