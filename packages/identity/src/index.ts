export { IdentityError, InvalidTokenError } from './errors';
export {
  createAccessTokenVerifier,
  type AccessTokenVerifier,
  type AccessTokenVerifierOptions,
  type VerifiedAccessToken,
} from './access-token-verifier';
export { CognitoIdentityProvider, TENANT_ATTRIBUTE, type CognitoIdentityProviderOptions } from './cognito-identity-provider';
