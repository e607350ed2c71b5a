import { Logger } from '@aws-lambda-powertools/logger';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  AuditedWriter,
  DynamoAuditLog,
  DynamoLoginAttemptStore,
  DynamoMembershipRepository,
  DynamoRateCounter,
  DynamoRoleRepository,
  DynamoTenantRepository,
  type TableOptions,
} from '@rapport/data';
import { createRateLimiter, createSessionService, systemClock, type Clock } from '@rapport/domain';
import type { HttpRuntime } from '@rapport/http';
import { CognitoIdentityProvider, createAccessTokenVerifier } from '@rapport/identity';
import { createAuthenticator } from '../authenticator';
import { cacheCallers, type CachedCallers } from '../caller-cache';
import { rateLimitsOf, readEnvironment, type Environment } from '../environment';

/**
 * What every HTTP handler shares, whatever its area: configuration, logger, the table and
 * its audit log, and authentication (the verified token, then the caller's membership and role).
 * Each area's runtime (`./<area>.ts`) adds only the clients and services its routes use, so a
 * handler's bundle and cold start hold nothing of the other areas'.
 *
 * No Powertools Tracer: it brings aws-xray-sdk-core (with semver and cls-hooked, ~115 KB minified,
 * 40% of a handler's bundle budget) into every handler. The functions keep X-Ray active tracing,
 * which records each invocation, its cold start and its duration; what is given up is a
 * subsegment per AWS SDK call. Nor Powertools Metrics (~10 KiB): only the areas that publish a
 * business metric create it (`./auth.ts`).
 */
export interface CommonRuntime extends HttpRuntime {
  env: Environment;
  /** As the SDK sees it: `AWS_ENDPOINT_URL_S3` is set only locally (s3rver). */
  environment: NodeJS.ProcessEnv;
  clock: Clock;
  table: TableOptions & { writer: AuditedWriter };
  auditLog: DynamoAuditLog;
  identity: CognitoIdentityProvider;
  tenants: DynamoTenantRepository;
  session: ReturnType<typeof createSessionService>;
  /** The container's cache of resolved callers (at most 5 s old). */
  callers: CachedCallers;
  rolesOf(tenantId: string): DynamoRoleRepository;
  membershipsOf(tenantId: string): DynamoMembershipRepository;
}

export function createCommonRuntime(environment: NodeJS.ProcessEnv): CommonRuntime {
  const env = readEnvironment(environment);
  const logger = new Logger({ serviceName: 'rapport' });
  const clock = systemClock;

  const dynamo = new DynamoDBClient({ region: env.AWS_REGION });
  const client = DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } });
  const writer = new AuditedWriter({ client, tableName: env.TABLE_NAME, clock });
  const table = { client, tableName: env.TABLE_NAME, writer };
  const auditLog = new DynamoAuditLog(writer);

  const cognito = new CognitoIdentityProviderClient({ region: env.AWS_REGION });
  const identity = new CognitoIdentityProvider({
    client: cognito,
    userPoolId: env.USER_POOL_ID,
    clientId: env.USER_POOL_CLIENT_ID,
    globalSignOut: env.USER_POOL_GLOBAL_SIGN_OUT === 'on',
  });
  const tenants = new DynamoTenantRepository(table);
  const rolesOf = (tenantId: string) => new DynamoRoleRepository(table, tenantId);
  const membershipsOf = (tenantId: string) => new DynamoMembershipRepository(table, tenantId);
  const session = createSessionService({ identity, tenants, rolesFor: rolesOf, membershipsFor: membershipsOf, auditLog, clock, loginAttempts: new DynamoLoginAttemptStore(table) });
  const callers = cacheCallers((sub) => session.resolve(sub), { clock });
  const verifier = createAccessTokenVerifier({
    issuer: env.TOKEN_ISSUER ?? `https://cognito-idp.${env.AWS_REGION}.amazonaws.com/${env.USER_POOL_ID}`,
    clientId: env.USER_POOL_CLIENT_ID,
  });

  return {
    env,
    environment,
    logger,
    clock,
    table,
    auditLog,
    identity,
    tenants,
    session,
    callers,
    rolesOf,
    membershipsOf,
    authenticate: createAuthenticator(verifier, callers, logger),
    rateLimit: createRateLimiter({ counter: new DynamoRateCounter(table), limits: rateLimitsOf(env), clock }),
    recordDenial: async (actor, permission, routeId) => {
      await auditLog
        .record(actor.auth.tenantId, {
          context: { actor: { userId: actor.auth.userId, role: actor.auth.role }, ...actor.request },
          entry: { action: 'authz.denied', target: null, outcome: 'denied', details: { permission, route: routeId } },
        })
        .catch((error: unknown) => logger.error('Could not audit a refused request', { error: error as Error }));
    },
  };
}

/**
 * One runtime per container: `create` runs at the first call (cold start) and its result is kept.
 * Each area's module keeps its own, so locally, where every handler runs in one process, an area's
 * handlers share theirs as they would in one Lambda container.
 */
export function oncePerContainer<R>(create: (environment: NodeJS.ProcessEnv) => R): () => R {
  let current: R | undefined;
  return () => {
    current ??= create(process.env);
    return current;
  };
}

/** The runtime of handlers that need only what every area shares (the caller, the API document, not-found). */
export const commonRuntime = oncePerContainer(createCommonRuntime);
