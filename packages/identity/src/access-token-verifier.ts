import { JwtVerifier } from 'aws-jwt-verify';
import { FetchError, JwksNotAvailableInCacheError } from 'aws-jwt-verify/error';
import type { Fetcher } from 'aws-jwt-verify/https';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { InvalidTokenError } from './errors';

export interface AccessTokenVerifierOptions {
  /** The user pool's issuer: `https://cognito-idp.<region>.amazonaws.com/<poolId>` in AWS. */
  issuer: string;
  /** The app client whose tokens this API accepts. */
  clientId: string;
  /** Defaults to the issuer's `/.well-known/jwks.json`. */
  jwksUri?: string;
}

export interface VerifiedAccessToken {
  sub: string;
  /** When the session the token belongs to was authenticated (seconds since the epoch), kept across refreshes. */
  authTime?: number;
}

export interface AccessTokenVerifier {
  verify(token: string): Promise<VerifiedAccessToken>;
}

/**
 * aws-jwt-verify's own fetcher speaks only https; cognito-local serves its JWKS over loopback http.
 * The platform's fetch handles both, so one verifier (and one code path) serves AWS and local.
 */
const platformFetcher: Fetcher = {
  async fetch(uri) {
    const response = await fetch(uri, { signal: AbortSignal.timeout(3000) });
    if (!response.ok) throw new FetchError(uri, `JWKS request failed with status ${response.status}`);
    return response.arrayBuffer();
  },
};

/**
 * Verifies Cognito access tokens: RS256 signature against the pool's JWKS (cached, refetched on an
 * unknown key id), issuer, expiry, `token_use` and `client_id`. Cognito access tokens carry the
 * client in `client_id`, not `aud`, so the audience check is replaced by that one.
 */
export function createAccessTokenVerifier(options: AccessTokenVerifierOptions): AccessTokenVerifier {
  const verifier = JwtVerifier.create(
    {
      issuer: options.issuer,
      audience: null,
      jwksUri: options.jwksUri ?? `${options.issuer}/.well-known/jwks.json`,
      customJwtCheck: ({ payload }) => {
        if (payload.token_use !== 'access') throw new Error('not an access token');
        if (payload.client_id !== options.clientId) throw new Error('issued to another app client');
      },
    },
    { jwksCache: new SimpleJwksCache({ fetcher: platformFetcher }) },
  );

  return {
    async verify(token) {
      try {
        const payload = await verifier.verify(token);
        if (typeof payload.sub !== 'string') throw new InvalidTokenError('token has no subject');
        const authTime = typeof payload.auth_time === 'number' ? payload.auth_time : undefined;
        return { sub: payload.sub, ...(authTime !== undefined ? { authTime } : {}) };
      } catch (error) {
        if (error instanceof InvalidTokenError) throw error;
        // The JWKS being unreachable is our outage, not the caller's bad token.
        if (error instanceof FetchError || error instanceof JwksNotAvailableInCacheError) throw error;
        const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        throw new InvalidTokenError(reason, { cause: error });
      }
    },
  };
}
