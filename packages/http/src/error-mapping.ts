import type { DomainErrorCode } from '@rapport/domain';
import { DomainError, LoginThrottledError } from '@rapport/domain';
import { HttpError, type HttpErrorCode } from './errors';

export type ErrorCode = DomainErrorCode | HttpErrorCode;

/** The one mapping from error codes to HTTP status codes. A new code does not compile until it is mapped. */
export function statusOf(code: ErrorCode): number {
  switch (code) {
    case 'VALIDATION_FAILED':
    case 'MALFORMED_JSON':
    case 'INVALID_INPUT':
    case 'CONFIRMATION_MISMATCH':
      return 400;
    case 'UNAUTHENTICATED':
    case 'INVALID_CREDENTIALS':
    case 'INVALID_REFRESH_TOKEN':
    case 'SESSION_ENDED':
    case 'MEMBERSHIP_INACTIVE':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'NOT_FOUND':
    case 'ROUTE_NOT_FOUND':
      return 404;
    case 'METHOD_NOT_ALLOWED':
      return 405;
    case 'VERSION_CONFLICT':
    case 'EMAIL_TAKEN':
    case 'ROLE_IS_BUILT_IN':
    case 'ROLE_IN_USE':
    case 'COMPANY_IN_USE':
    case 'ROLE_NAME_TAKEN':
    case 'FIELD_KEY_TAKEN':
    case 'FIELD_LOCKED':
    case 'FIELD_LIMIT_REACHED':
    case 'LAST_OWNER':
    case 'IMPORT_NOT_READY':
    case 'CAMPAIGN_STATE':
    case 'CONVERSION_EXISTS':
    case 'STAGE_IN_USE':
    case 'DEAL_CLOSED':
    case 'NOT_A_LEAD':
    case 'CONTACT_HAS_DEALS':
    case 'TICKET_TRANSITION':
    case 'AUDIT_EVENT_PENDING':
    case 'LIMIT_REACHED':
    case 'IDEMPOTENCY_KEY_IN_PROGRESS':
      return 409;
    case 'INVITE_GONE':
    case 'MERGE_GONE':
    case 'SURVEY_GONE':
      return 410;
    case 'PAYLOAD_TOO_LARGE':
      return 413;
    case 'UNSUPPORTED_MEDIA_TYPE':
      return 415;
    case 'IDEMPOTENCY_KEY_REUSED':
      return 422;
    case 'LOGIN_THROTTLED':
    case 'RATE_LIMITED':
      return 429;
    case 'CONTENTION':
      return 503;
    default: {
      const unmapped: never = code;
      throw new Error(`Unmapped error code ${String(unmapped)}`);
    }
  }
}

export interface ErrorBody {
  error: { code: ErrorCode | 'INTERNAL_ERROR'; message: string; details?: Record<string, unknown>; requestId: string };
}

export interface MappedError {
  statusCode: number;
  body: ErrorBody;
  headers: Record<string, string>;
  /** False for anything we did not raise on purpose: a bug or an outage, logged in full and hidden. */
  expected: boolean;
}

/** Turns any thrown value into a response. Only errors raised on purpose show their message. */
export function mapError(error: unknown, requestId: string): MappedError {
  if (error instanceof DomainError || error instanceof HttpError) {
    return {
      statusCode: statusOf(error.code),
      body: {
        error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}), requestId },
      },
      headers: error instanceof HttpError && error.headers ? error.headers : error instanceof LoginThrottledError ? { 'retry-after': String(error.retryAfterSeconds) } : {},
      expected: true,
    };
  }
  return {
    statusCode: 500,
    body: {
      error: {
        code: 'INTERNAL_ERROR',
        message: `Something went wrong on our side. Quote request id ${requestId} if you contact support.`,
        requestId,
      },
    },
    headers: {},
    expected: false,
  };
}
