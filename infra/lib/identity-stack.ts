import { PASSWORD_POLICY } from '@rapport/domain';
import { TENANT_ATTRIBUTE } from '@rapport/identity';
import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  StringAttribute,
  UserPool,
  UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';
import { MailSender } from './identity/mail-sender';

export interface IdentityStackProps extends StackProps {
  stage: string;
  /** The domain the API's mail (invitations) comes from. */
  mailFromDomain: string;
}

/**
 * The custom attribute that ties a Cognito user to their workspace, written once by signup; the
 * name comes from the identity adapter that writes it (`custom:tenantId`), without the prefix.
 */
const TENANT_ATTRIBUTE_NAME = TENANT_ATTRIBUTE.replace(/^custom:/, '');

/**
 * Who the users are: a Cognito user pool whose users only the API creates (signup calls
 * AdminCreateUser), the one app client the API's login and refresh use, and the SES identity the
 * API mails them from (invitations).
 */
export class IdentityStack extends Stack {
  readonly userPool: UserPool;
  readonly userPoolClient: UserPoolClient;
  readonly mail: MailSender;

  constructor(scope: Construct, id: string, props: IdentityStackProps) {
    super(scope, id, props);

    this.userPool = new UserPool(this, 'UserPool', {
      userPoolName: `rapport-${props.stage}`,
      // Accounts come into being only through the API's signup, which creates the tenant with them.
      selfSignUpEnabled: false,
      // The email is the username, compared case-insensitively: one mailbox is one account.
      signInAliases: { email: true },
      signInCaseSensitive: false,
      passwordPolicy: {
        minLength: PASSWORD_POLICY.minLength,
        requireLowercase: PASSWORD_POLICY.requireLowercase,
        requireUppercase: PASSWORD_POLICY.requireUppercase,
        requireDigits: PASSWORD_POLICY.requireDigits,
        requireSymbols: PASSWORD_POLICY.requireSymbols,
        tempPasswordValidity: Duration.days(1),
      },
      // Immutable: once signup has written it, nobody (not even an admin call) can move a user to another tenant.
      customAttributes: { [TENANT_ATTRIBUTE_NAME]: new StringAttribute({ mutable: false }) },
      // Off until the API's login completes MFA challenges: with MFA optional, a user who turned TOTP on
      // directly against Cognito would get a challenge the API cannot answer, and be locked out.
      mfa: Mfa.OFF,
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.ESSENTIALS,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.userPoolClient = this.userPool.addClient('ApiClient', {
      userPoolClientName: `rapport-${props.stage}-api`,
      generateSecret: false,
      authFlows: { userPassword: true },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true, givenName: true, familyName: true })
        .withCustomAttributes(TENANT_ATTRIBUTE_NAME),
      // Listed explicitly because an app client with no write list may write every mutable attribute,
      // and any user holding an access token can call UpdateUserAttributes directly against Cognito.
      // `custom:tenantId` is what the API trusts to find a caller's workspace, so the client must never
      // be able to write it; the email is the username, so it changes only through the API, too.
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true, givenName: true, familyName: true }),
    });

    this.mail = new MailSender(this, 'Mail', { domain: props.mailFromDomain });

    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId, description: 'Cognito user pool of the API users' });
    new CfnOutput(this, 'UserPoolClientId', { value: this.userPoolClient.userPoolClientId, description: 'App client the API logs users in with' });

    this.acknowledgeFindings();
  }

  private acknowledgeFindings(): void {
    const pool = Validations.of(this.userPool.node.defaultChild ?? this.userPool);
    pool.acknowledge({
      id: 'AwsSolutions-COG1',
      reason:
        'PASSWORD_POLICY (shared with the API validation) asks for 12+ characters with lower case, upper case and digits but no symbols: ' +
        'length beats composition (NIST SP 800-63B discourages symbol rules), and the pool must accept exactly what the API accepts.',
    });
    pool.acknowledge({
      id: 'AwsSolutions-COG2',
      reason:
        'MFA is off until the API login completes MFA challenges (TOTP); enabling it before then would lock out ' +
        'any user who turns it on. Requiring MFA will be a per-tenant policy on top of that flow.',
    });
    pool.acknowledge({
      id: 'AwsSolutions-COG8',
      reason:
        'Essentials feature plan: threat protection (Plus) is billed per monthly active user and is a pricing decision not yet taken; ' +
        'meanwhile the API throttles requests, hides user existence and enforces a 12-character password policy.',
    });
  }
}
