import type { Audited } from '../access/ports';
import type { Feedback } from '../customers/customer-record';
import { sealRecord } from '../customers/record-privacy';
import { newIdAt } from '../customers/record-ids';
import { SurveyGoneError } from '../errors';
import type { FieldCipher } from '../privacy/field-cipher';
import type { Actor } from '../shared/auth-context';
import type { Clock } from '../shared/clock';
import type { TicketRepository } from './ports';
import { parseSurveyToken } from './survey-token';
import type { SurveyAnswerInput } from './ticket.schema';

export interface SurveyAnswerDeps {
  tickets: TicketRepository;
  cipher: FieldCipher;
  clock: Clock;
}

/**
 * Records a customer's answer to a satisfaction survey, from the public link (no token of a user:
 * the survey token names its tenant, and only its hash is stored). The rating becomes a CSAT
 * feedback record on the ticket's contact and the ticket's `satisfaction`; the link works once,
 * until it expires (410 after).
 */
export async function answerSurvey(
  depsFor: (tenantId: string) => SurveyAnswerDeps,
  token: string,
  input: SurveyAnswerInput,
  request: Actor['request'],
): Promise<{ ticketId: string; score: number }> {
  const parsed = parseSurveyToken(token);
  if (!parsed) throw new SurveyGoneError('unknown');
  const deps = depsFor(parsed.tenantId);
  const survey = await deps.tickets.getSurvey(parsed.tokenHash);
  if (!survey) throw new SurveyGoneError('unknown');
  if (survey.usedAt) throw new SurveyGoneError('used');
  const at = deps.clock.now().toISOString();
  if (at > survey.validUntil) throw new SurveyGoneError('expired');
  const ticket = await deps.tickets.get(survey.ticketId);
  if (!ticket) throw new SurveyGoneError('unknown');

  const feedback: Feedback = {
    id: newIdAt(at),
    contactId: survey.contactId,
    createdBy: 'survey',
    createdAt: at,
    kind: 'csat',
    score: input.score,
    channel: 'survey',
    ticketId: ticket.id,
    ...(input.comment === undefined ? {} : { comment: input.comment }),
  };
  const next = { ...ticket, satisfaction: { score: input.score, answeredAt: at, feedbackId: feedback.id }, updatedAt: at, version: ticket.version + 1 };
  const audit: Audited = {
    context: { actor: { userId: null, role: null }, requestId: request.requestId, sourceIp: request.sourceIp, userAgent: request.userAgent },
    entry: { action: 'survey.answered', target: { type: 'ticket', id: ticket.id }, targetIds: [feedback.id], outcome: 'success', details: { score: input.score, contactId: survey.contactId } },
  };
  await deps.tickets.answerSurvey({ ...survey, usedAt: at }, await sealRecord(deps.cipher, 'feedback', feedback), next, ticket, audit);
  return { ticketId: ticket.id, score: input.score };
}
