import {
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolClientCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTable } from '@rapport/data';
import { PASSWORD_POLICY } from '@rapport/domain';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './engines/running-engine';

export interface UserPoolIds {
  userPoolId: string;
  clientId: string;
}

export function localClientConfig(endpoint: string) {
  return { endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
}

/** Creates the table in DynamoDB Local from the same schema the CDK data stack uses. */
export async function provisionTable(endpoint: string, tableName: string): Promise<void> {
  const client = new DynamoDBClient(localClientConfig(endpoint));
  try {
    await ensureTable(client, tableName);
  } finally {
    client.destroy();
  }
}

/**
 * Creates a user pool and app client shaped like the CDK identity stack's (password policy, the
 * `tenantId` attribute, a client that cannot write it), or reuses `existing` if it is still there.
 */
export async function provisionUserPool(endpoint: string, name: string, existing?: UserPoolIds): Promise<UserPoolIds> {
  const client = new CognitoIdentityProviderClient(localClientConfig(endpoint));
  try {
    if (existing && (await clientExists(client, existing))) return existing;
    const { UserPool } = await client.send(
      new CreateUserPoolCommand({
        PoolName: name,
        Schema: [{ Name: 'tenantId', AttributeDataType: 'String', Mutable: false }],
        Policies: {
          PasswordPolicy: {
            MinimumLength: PASSWORD_POLICY.minLength,
            RequireLowercase: PASSWORD_POLICY.requireLowercase,
            RequireUppercase: PASSWORD_POLICY.requireUppercase,
            RequireNumbers: PASSWORD_POLICY.requireDigits,
            RequireSymbols: PASSWORD_POLICY.requireSymbols,
          },
        },
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      }),
    );
    const userPoolId = UserPool?.Id;
    if (!userPoolId) throw new Error('cognito-local created a user pool without an id');
    const { UserPoolClient } = await client.send(
      new CreateUserPoolClientCommand({
        UserPoolId: userPoolId,
        ClientName: 'rapport-api',
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        // As the CDK identity stack: the client may read the tenant but never write it.
        ReadAttributes: ['email', 'email_verified', 'name', 'given_name', 'family_name', 'custom:tenantId'],
        WriteAttributes: ['name', 'given_name', 'family_name'],
        PreventUserExistenceErrors: 'ENABLED',
      }),
    );
    const clientId = UserPoolClient?.ClientId;
    if (!clientId) throw new Error('cognito-local created an app client without an id');
    return { userPoolId, clientId };
  } finally {
    client.destroy();
  }
}

async function clientExists(client: CognitoIdentityProviderClient, ids: UserPoolIds): Promise<boolean> {
  try {
    await client.send(new DescribeUserPoolClientCommand({ UserPoolId: ids.userPoolId, ClientId: ids.clientId }));
    return true;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return false;
    throw error;
  }
}
