import type { Engines } from './engines';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './engines/running-engine';
import type { UserPoolIds } from './provision';

export interface FunctionEnvironmentOptions {
  engines: Pick<Engines, 'dynamodb' | 'cognito' | 's3'>;
  tableName: string;
  pool: UserPoolIds;
}

/**
 * The environment the CDK api stack gives each function, pointed at the local engines. The AWS
 * SDK reads `AWS_ENDPOINT_URL_<SERVICE>` itself, so handler code is the same as in AWS.
 */
export function functionEnvironment({ engines, tableName, pool }: FunctionEnvironmentOptions): Record<string, string> {
  return {
    TABLE_NAME: tableName,
    USER_POOL_ID: pool.userPoolId,
    USER_POOL_CLIENT_ID: pool.clientId,
    TOKEN_ISSUER: `${engines.cognito.endpoint}/${pool.userPoolId}`,
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: engines.dynamodb.endpoint,
    AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: engines.cognito.endpoint,
    AWS_ENDPOINT_URL_S3: engines.s3.endpoint,
    POWERTOOLS_SERVICE_NAME: 'rapport',
    POWERTOOLS_TRACE_ENABLED: 'false',
    POWERTOOLS_METRICS_DISABLED: 'true',
  };
}
