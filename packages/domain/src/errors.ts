/**
 * Every failure the domain can report. The HTTP layer maps each code to a status code with an
 * exhaustive switch, so adding a code here does not compile until it is mapped there.
 */
export type DomainErrorCode =
  | 'NOT_FOUND'
  | 'VERSION_CONFLICT'
  | 'EMAIL_TAKEN'
  | 'INVALID_CREDENTIALS'
  | 'INVALID_REFRESH_TOKEN'
  | 'MEMBERSHIP_INACTIVE';

export interface DomainErrorOptions {
  cause?: unknown;
  /** Safe, structured context for the caller (never personal data). */
  details?: Record<string, unknown>;
}

/** Base of every domain error: a closed `code`, a message safe to show a user, and the cause. */
export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: DomainErrorCode, message: string, options: DomainErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = 'DomainError';
    this.code = code;
    if (options.details) this.details = options.details;
  }
}

/** The record does not exist for this tenant (also what another tenant's id looks like). */
export class NotFoundError extends DomainError {
  constructor(entity: string, id: string, options: DomainErrorOptions = {}) {
    super('NOT_FOUND', `${entity} ${id} was not found`, { ...options, details: { entity, id } });
    this.name = 'NotFoundError';
  }
}

/** An update or delete named a version that is no longer current. */
export class VersionConflictError extends DomainError {
  constructor(entity: string, id: string, expected: number, current: number, options: DomainErrorOptions = {}) {
    super(
      'VERSION_CONFLICT',
      `${entity} ${id} is at version ${current}, not ${expected}: reload it and apply your change again`,
      { ...options, details: { entity, id, expectedVersion: expected, currentVersion: current } },
    );
    this.name = 'VersionConflictError';
  }
}

/** Signup with an email that already has an account. */
export class EmailTakenError extends DomainError {
  constructor(options: DomainErrorOptions = {}) {
    super('EMAIL_TAKEN', 'An account with this email already exists', {
      ...options,
      details: { field: 'email' },
    });
    this.name = 'EmailTakenError';
  }
}

/** Login failed. One message for unknown user and wrong password, so accounts cannot be enumerated. */
export class InvalidCredentialsError extends DomainError {
  constructor(options: DomainErrorOptions = {}) {
    super('INVALID_CREDENTIALS', 'Incorrect email or password', options);
    this.name = 'InvalidCredentialsError';
  }
}

/** A refresh token that is expired, revoked or not from this user pool. */
export class InvalidRefreshTokenError extends DomainError {
  constructor(options: DomainErrorOptions = {}) {
    super('INVALID_REFRESH_TOKEN', 'The refresh token is invalid or expired: log in again', options);
    this.name = 'InvalidRefreshTokenError';
  }
}

/** The identity is valid but has no active membership in any tenant. */
export class MembershipInactiveError extends DomainError {
  constructor(options: DomainErrorOptions = {}) {
    super('MEMBERSHIP_INACTIVE', 'This account has no active workspace membership', options);
    this.name = 'MembershipInactiveError';
  }
}
