import type { Logger } from '@aws-lambda-powertools/logger';
import { SessionEndedError, signedOutBefore, type AuthContext } from '@rapport/domain';
import { UnauthenticatedError, type Authenticate } from '@rapport/http';
import { InvalidTokenError, type AccessTokenVerifier, type VerifiedAccessToken } from '@rapport/identity';

/**
 * Verifies the token, then resolves the caller's tenant and role from their membership record
 * (`resolveCaller`: the session service's `resolve`, behind the container's caller cache).
 */
export function createAuthenticator(verifier: AccessTokenVerifier, resolveCaller: (sub: string) => Promise<AuthContext>, logger: Logger): Authenticate {
  return async (token) => {
    let verified: VerifiedAccessToken;
    try {
      verified = await verifier.verify(token);
    } catch (error) {
      if (!(error instanceof InvalidTokenError)) throw error;
      logger.info('Access token refused', { reason: error.reason });
      throw new UnauthenticatedError(undefined, error);
    }
    const caller = await resolveCaller(verified.sub);
    // Checked per token, not cached: a sign-out ends the sessions opened up to it, not later ones.
    if (verified.authTime !== undefined && signedOutBefore(caller, verified.authTime)) throw new SessionEndedError();
    return caller;
  };
}
