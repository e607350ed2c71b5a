import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoContactRepository, DynamoTenantRepository, type TableOptions } from '@rapport/data';
import {
  createContactService,
  createSessionService,
  createSignupService,
  systemClock,
  type AuthContext,
  type Clock,
} from '@rapport/domain';
import type { HttpRuntime } from '@rapport/http';
import { CognitoIdentityProvider, createAccessTokenVerifier } from '@rapport/identity';
import { z } from 'zod';
import { createAuthenticator } from './authenticator';

/**
 * Configuration from the function's environment, set by the CDK api stack in AWS and by the local
 * stack locally. Endpoints for local engines come from the SDK's own `AWS_ENDPOINT_URL_<SERVICE>`
 * variables, so nothing here knows whether it runs in AWS.
 */
const environmentSchema = z.object({
  TABLE_NAME: z.string().min(1),
  USER_POOL_ID: z.string().min(1),
  USER_POOL_CLIENT_ID: z.string().min(1),
  AWS_REGION: z.string().min(1).default('us-east-1'),
  /** Only where the issuer is not Cognito's own (cognito-local). */
  TOKEN_ISSUER: z.url().optional(),
});

/** Everything a handler needs, built once per container. */
export interface Runtime extends HttpRuntime {
  /**
   * Business metrics (CloudWatch EMF). Handlers that add one publish it themselves: a chain-wide
   * flush would log a warning on every invocation that has none.
   */
  metrics: Metrics;
  clock: Clock;
  signup: ReturnType<typeof createSignupService>;
  session: ReturnType<typeof createSessionService>;
  /** Contact use-cases bound to the caller's tenant. */
  contactsFor(auth: AuthContext): ReturnType<typeof createContactService>;
}

export function createRuntime(environment: NodeJS.ProcessEnv): Runtime {
  const env = environmentSchema.parse(environment);
  const logger = new Logger({ serviceName: 'rapport' });
  const tracer = new Tracer({ serviceName: 'rapport' });
  const metrics = new Metrics({ namespace: 'Rapport', serviceName: 'rapport' });
  const clock = systemClock;

  const dynamo = tracer.captureAWSv3Client(new DynamoDBClient({ region: env.AWS_REGION }));
  const table: TableOptions = {
    client: DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } }),
    tableName: env.TABLE_NAME,
  };
  const cognito = tracer.captureAWSv3Client(new CognitoIdentityProviderClient({ region: env.AWS_REGION }));
  const identity = new CognitoIdentityProvider({ client: cognito, userPoolId: env.USER_POOL_ID, clientId: env.USER_POOL_CLIENT_ID });
  const tenants = new DynamoTenantRepository(table);
  const session = createSessionService({ identity, tenants });
  const verifier = createAccessTokenVerifier({
    issuer: env.TOKEN_ISSUER ?? `https://cognito-idp.${env.AWS_REGION}.amazonaws.com/${env.USER_POOL_ID}`,
    clientId: env.USER_POOL_CLIENT_ID,
  });

  return {
    logger,
    tracer,
    metrics,
    clock,
    authenticate: createAuthenticator(verifier, session, logger),
    signup: createSignupService({
      identity,
      tenants,
      clock,
      onRollbackFailure: (error) => logger.error('Signup rollback failed; the identity is repaired on the next signup', { error: error as Error }),
    }),
    session,
    contactsFor: (auth) => createContactService({ contacts: new DynamoContactRepository(table, auth.tenantId), clock }, auth),
  };
}

let current: Runtime | undefined;

/** The container's runtime, created at cold start from `process.env`. */
export function runtime(): Runtime {
  current ??= createRuntime(process.env);
  return current;
}
