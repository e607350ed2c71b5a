import { surveyAnswerSchema } from '@rapport/domain';
import { created, createHttpHandler } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { surveyTokenParams } from './ticket-http';

export const createAnswerSurveyHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'answerSurvey', { params: surveyTokenParams, body: surveyAnswerSchema }, async ({ params, body, request }) =>
    created(await rt.answerSurvey(params.token, body, request)),
  );

export const handler = createAnswerSurveyHandler(runtime());
