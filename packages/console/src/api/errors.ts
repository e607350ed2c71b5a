/** The API's error body: `{ error: { code, message, details?, requestId } }`. */
interface ErrorBody {
  error?: { code?: string; message?: string; details?: Record<string, unknown>; requestId?: string };
}

/** A refusal or failure from the API, with what it said, for the screens to put in words. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly requestId?: string,
  ) {
    super(message);
  }

  /** The permission a 403 names (`details.permission`), when it names one. */
  get missingPermission(): string | undefined {
    return this.status === 403 && typeof this.details.permission === 'string' ? this.details.permission : undefined;
  }

  static from(response: Response, body: unknown): ApiError {
    const error = (body as ErrorBody | undefined)?.error;
    return new ApiError(
      response.status,
      error?.code ?? `HTTP_${response.status}`,
      error?.message ?? `The server answered ${response.status} ${response.statusText}`.trim(),
      error?.details ?? {},
      error?.requestId ?? response.headers.get('x-request-id') ?? undefined,
    );
  }
}

/** What an openapi-fetch call resolves to. */
interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The data of a successful call; an ApiError otherwise (so TanStack Query sees a failure). */
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<T> {
  let result: FetchResult<T>;
  try {
    result = await call;
  } catch (cause) {
    throw new ApiError(0, 'NETWORK', 'Rapport could not be reached. Check your connection and try again.', { cause: String(cause) });
  }
  if (!result.response.ok) throw ApiError.from(result.response, result.error);
  return result.data as T;
}
