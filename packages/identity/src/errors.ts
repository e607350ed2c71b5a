/** Base of the identity package's errors. */
export class IdentityError extends Error {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'IdentityError';
  }
}

/**
 * The bearer token is not one this API accepts: malformed, unsigned, forged, expired, from another
 * user pool or app client, or not an access token. `reason` is for logs, never for the response.
 */
export class InvalidTokenError extends IdentityError {
  readonly reason: string;

  constructor(reason: string, options: { cause?: unknown } = {}) {
    super('The access token is missing, invalid or expired', options);
    this.name = 'InvalidTokenError';
    this.reason = reason;
  }
}
