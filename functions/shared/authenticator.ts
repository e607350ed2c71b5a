import type { Logger } from '@aws-lambda-powertools/logger';
import type { SessionService } from '@rapport/domain';
import { UnauthenticatedError, type Authenticate } from '@rapport/http';
import { InvalidTokenError, type AccessTokenVerifier, type VerifiedAccessToken } from '@rapport/identity';

/** Verifies the token, then reads the caller's tenant and role from their membership record. */
export function createAuthenticator(verifier: AccessTokenVerifier, session: SessionService, logger: Logger): Authenticate {
  return async (token) => {
    let verified: VerifiedAccessToken;
    try {
      verified = await verifier.verify(token);
    } catch (error) {
      if (!(error instanceof InvalidTokenError)) throw error;
      logger.info('Access token refused', { reason: error.reason });
      throw new UnauthenticatedError(undefined, error);
    }
    return session.resolve(verified.sub, verified.authTime);
  };
}
