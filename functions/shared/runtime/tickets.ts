import { createFieldCipher } from '@rapport/crypto';
import { DynamoContactRepository, DynamoTicketRepository } from '@rapport/data';
import { answerSurvey, createTicketService, type Actor, type SurveyAnswerInput } from '@rapport/domain';
import { createCommonRuntime, oncePerContainer, type CommonRuntime } from './common';
import { createKeyring } from './keyring';
import { createMailer } from './mailer';

/** Service tickets, the SLA policy and satisfaction surveys (mailed on resolution). */
export interface TicketsRuntime extends CommonRuntime {
  ticketsFor(actor: Actor): ReturnType<typeof createTicketService>;
  /** A customer's answer to a satisfaction survey (public: the token names the tenant). */
  answerSurvey(token: string, input: SurveyAnswerInput, request: Actor['request']): ReturnType<typeof answerSurvey>;
}

export function createTicketsRuntime(environment: NodeJS.ProcessEnv): TicketsRuntime {
  const common = createCommonRuntime(environment);
  const { env, table, clock, logger, auditLog } = common;
  const keyring = createKeyring(common);
  const mailer = createMailer(common);
  return {
    ...common,
    ticketsFor: (actor) =>
      createTicketService(
        {
          tickets: new DynamoTicketRepository(table, actor.auth.tenantId),
          contacts: new DynamoContactRepository(table, actor.auth.tenantId),
          memberships: common.membershipsOf(actor.auth.tenantId),
          cipher: createFieldCipher(keyring, actor.auth.tenantId),
          auditLog,
          mailer,
          clock,
          appUrl: env.APP_URL,
          onMailFailure: (error) => logger.error('A satisfaction survey email could not be sent', { error: error as Error }),
        },
        actor,
      ),
    answerSurvey: (token, input, request) =>
      answerSurvey(
        (tenantId) => ({ tickets: new DynamoTicketRepository(table, tenantId), cipher: createFieldCipher(keyring, tenantId), clock }),
        token,
        input,
        request,
      ),
  };
}

export const ticketsRuntime = oncePerContainer(createTicketsRuntime);
