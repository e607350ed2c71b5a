import { surveyAnswerSchema } from '@rapport/domain';
import { created, createHttpHandler, ticketEndpoints } from '@rapport/http';
import { ticketsRuntime, type TicketsRuntime } from '../shared/runtime/tickets';
import { surveyTokenParams } from './ticket-http';

export const createAnswerSurveyHandler = (rt: TicketsRuntime) =>
  createHttpHandler(rt, ticketEndpoints.answerSurvey, { params: surveyTokenParams, body: surveyAnswerSchema }, async ({ params, body, request }) =>
    created(await rt.answerSurvey(params.token, body, request)),
  );

export const handler = createAnswerSurveyHandler(ticketsRuntime());
