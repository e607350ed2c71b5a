import { contactIdParams, createHttpHandler, insightsEndpoints, ok } from '@rapport/http';
import { insightsRuntime, type InsightsRuntime } from '../shared/runtime/insights';

export const createGetCustomerScoresHandler = (rt: InsightsRuntime) =>
  createHttpHandler(rt, insightsEndpoints.getCustomerScores, { params: contactIdParams }, async ({ params, actor }) => ok(await rt.insightsFor(actor).scoresOf(params.id)));

export const handler = createGetCustomerScoresHandler(insightsRuntime());
