import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  AdminUserGlobalSignOutCommand,
  ChangePasswordCommand,
  RevokeTokenCommand,
  InitiateAuthCommand,
  UsernameExistsException,
  UserNotFoundException,
  type AuthenticationResultType,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  EmailTakenError,
  InvalidCredentialsError,
  InvalidRefreshTokenError,
  type IdentityProvider,
  type IdentityUser,
  type SessionTokens,
} from '@rapport/domain';

export interface CognitoIdentityProviderOptions {
  client: CognitoIdentityProviderClient;
  userPoolId: string;
  /** A public app client (no secret) with USER_PASSWORD_AUTH and REFRESH_TOKEN_AUTH. */
  clientId: string;
  /**
   * Whether the pool can sign a user out everywhere (AdminUserGlobalSignOut). cognito-local cannot:
   * there a logout revokes the refresh token it is given, and the API still refuses every access
   * token of a session started before it (see the session service). @default true
   */
  globalSignOut?: boolean;
}

/** The custom attribute naming the user's tenant; the app client can read it but never write it. */
export const TENANT_ATTRIBUTE = 'custom:tenantId';

/** Errors Cognito (and cognito-local) return for a wrong email or password. */
const CREDENTIAL_ERRORS = new Set([
  'NotAuthorizedException',
  'UserNotFoundException',
  'InvalidPasswordException',
  'UserNotConfirmedException',
  'PasswordResetRequiredException',
]);

/** The user directory in Cognito. The username is the normalised email, so one email is one account. */
export class CognitoIdentityProvider implements IdentityProvider {
  readonly #client: CognitoIdentityProviderClient;
  readonly #userPoolId: string;
  readonly #clientId: string;
  readonly #globalSignOut: boolean;

  constructor(options: CognitoIdentityProviderOptions) {
    this.#client = options.client;
    this.#userPoolId = options.userPoolId;
    this.#clientId = options.clientId;
    this.#globalSignOut = options.globalSignOut ?? true;
  }

  async createUser({ email, password, tenantId }: { email: string; password: string; tenantId: string }) {
    let sub: string | undefined;
    try {
      const { User } = await this.#client.send(
        new AdminCreateUserCommand({
          UserPoolId: this.#userPoolId,
          Username: email,
          MessageAction: 'SUPPRESS',
          UserAttributes: [
            { Name: 'email', Value: email },
            { Name: 'email_verified', Value: 'true' },
            { Name: TENANT_ATTRIBUTE, Value: tenantId },
          ],
        }),
      );
      sub = User?.Attributes?.find((attribute) => attribute.Name === 'sub')?.Value;
    } catch (error) {
      if (error instanceof UsernameExistsException) throw new EmailTakenError({ cause: error });
      throw error;
    }
    if (!sub) throw new Error('Cognito created a user without a sub');
    try {
      await this.#client.send(
        new AdminSetUserPasswordCommand({ UserPoolId: this.#userPoolId, Username: email, Password: password, Permanent: true }),
      );
    } catch (error) {
      await this.deleteUser(email).catch(() => undefined);
      throw error;
    }
    return { sub };
  }

  async findUser(email: string): Promise<IdentityUser | null> {
    try {
      const user = await this.#client.send(new AdminGetUserCommand({ UserPoolId: this.#userPoolId, Username: email }));
      const attribute = (name: string) => user.UserAttributes?.find((candidate) => candidate.Name === name)?.Value;
      const sub = attribute('sub');
      if (!sub) return null;
      const tenantId = attribute(TENANT_ATTRIBUTE);
      return { sub, createdAt: user.UserCreateDate ?? new Date(0), ...(tenantId ? { tenantId } : {}) };
    } catch (error) {
      if (error instanceof UserNotFoundException) return null;
      throw error;
    }
  }

  async deleteUser(email: string): Promise<void> {
    try {
      await this.#client.send(new AdminDeleteUserCommand({ UserPoolId: this.#userPoolId, Username: email }));
    } catch (error) {
      if (!(error instanceof UserNotFoundException)) throw error;
    }
  }

  async disableUser(email: string): Promise<void> {
    await this.#client.send(new AdminDisableUserCommand({ UserPoolId: this.#userPoolId, Username: email }));
  }

  async enableUser(email: string): Promise<void> {
    await this.#client.send(new AdminEnableUserCommand({ UserPoolId: this.#userPoolId, Username: email }));
  }

  async logIn(email: string, password: string): Promise<{ tokens: SessionTokens; sub: string }> {
    try {
      const { AuthenticationResult } = await this.#client.send(
        new InitiateAuthCommand({
          ClientId: this.#clientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: email, PASSWORD: password },
        }),
      );
      // A challenge (e.g. a forced password change) is not something this API completes.
      if (!AuthenticationResult) throw new InvalidCredentialsError();
      const tokens = tokensOf(AuthenticationResult);
      return { tokens, sub: subjectOf(tokens.idToken) };
    } catch (error) {
      if (error instanceof Error && CREDENTIAL_ERRORS.has(error.name)) throw new InvalidCredentialsError({ cause: error });
      throw error;
    }
  }

  async refresh(refreshToken: string): Promise<SessionTokens> {
    try {
      const { AuthenticationResult } = await this.#client.send(
        new InitiateAuthCommand({
          ClientId: this.#clientId,
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          AuthParameters: { REFRESH_TOKEN: refreshToken },
        }),
      );
      if (!AuthenticationResult) throw new InvalidRefreshTokenError();
      return tokensOf(AuthenticationResult);
    } catch (error) {
      if (error instanceof Error && CREDENTIAL_ERRORS.has(error.name)) throw new InvalidRefreshTokenError({ cause: error });
      throw error;
    }
  }

  async changePassword(accessToken: string, previous: string, proposed: string): Promise<void> {
    try {
      await this.#client.send(new ChangePasswordCommand({ AccessToken: accessToken, PreviousPassword: previous, ProposedPassword: proposed }));
    } catch (error) {
      if (error instanceof Error && WRONG_PREVIOUS_PASSWORD.has(error.name)) throw new InvalidCredentialsError({ cause: error });
      throw error;
    }
  }

  async signOutEverywhere(email: string): Promise<void> {
    if (!this.#globalSignOut) return;
    await this.#client.send(new AdminUserGlobalSignOutCommand({ UserPoolId: this.#userPoolId, Username: email }));
  }

  async revokeRefreshToken(refreshToken: string): Promise<void> {
    try {
      await this.#client.send(new RevokeTokenCommand({ ClientId: this.#clientId, Token: refreshToken }));
    } catch (error) {
      if (error instanceof Error && CREDENTIAL_ERRORS.has(error.name)) throw new InvalidRefreshTokenError({ cause: error });
      throw error;
    }
  }
}

/**
 * What Cognito answers a ChangePassword whose previous password is wrong: NotAuthorizedException
 * (cognito-local: InvalidPasswordException; the new password itself is checked against the same
 * policy by the API before, so the pool never refuses it).
 */
const WRONG_PREVIOUS_PASSWORD = new Set(['NotAuthorizedException', 'InvalidPasswordException']);

function tokensOf(result: AuthenticationResultType): SessionTokens {
  if (!result.AccessToken || !result.IdToken) throw new Error('Cognito returned no tokens');
  return {
    accessToken: result.AccessToken,
    idToken: result.IdToken,
    expiresIn: result.ExpiresIn ?? 3600,
    ...(result.RefreshToken ? { refreshToken: result.RefreshToken } : {}),
  };
}

/**
 * The subject of a token Cognito has just issued to us over TLS in answer to our own call: read,
 * not verified (verification is for tokens that arrive from clients).
 */
function subjectOf(idToken: string): string {
  const payload = JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as { sub?: unknown };
  if (typeof payload.sub !== 'string') throw new Error('Cognito issued an id token without a subject');
  return payload.sub;
}
