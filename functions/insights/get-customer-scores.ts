import { contactIdParams, createHttpHandler, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';

export const createGetCustomerScoresHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'getCustomerScores', { params: contactIdParams }, async ({ params, actor }) => ok(await rt.insightsFor(actor).scoresOf(params.id)));

export const handler = createGetCustomerScoresHandler(runtime());
