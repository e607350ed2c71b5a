import { Metrics } from '@aws-lambda-powertools/metrics';
import { createInviteAcceptance, createSignupService } from '@rapport/domain';
import { createCommonRuntime, oncePerContainer, type CommonRuntime } from './common';
import { createMailer, userDepsOf } from './mailer';

/** Signup, login, refresh and accepting an invitation. */
export interface AuthRuntime extends CommonRuntime {
  /**
   * Business metrics (CloudWatch EMF): a workspace signed up. Handlers that add one publish it
   * themselves: a chain-wide flush would log a warning on every invocation that has none.
   */
  metrics: Metrics;
  signup: ReturnType<typeof createSignupService>;
  inviteAcceptance: ReturnType<typeof createInviteAcceptance>;
}

export function createAuthRuntime(environment: NodeJS.ProcessEnv): AuthRuntime {
  const common = createCommonRuntime(environment);
  const { identity, tenants, clock, logger } = common;
  return {
    ...common,
    metrics: new Metrics({ namespace: 'Rapport', serviceName: 'rapport' }),
    signup: createSignupService({
      identity,
      tenants,
      clock,
      onRollbackFailure: (error) => logger.error('Signup rollback failed; the identity is repaired on the next signup', { error: error as Error }),
    }),
    inviteAcceptance: createInviteAcceptance(userDepsOf(common, createMailer(common))),
  };
}

export const authRuntime = oncePerContainer(createAuthRuntime);
