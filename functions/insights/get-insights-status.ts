import { createHttpHandler, insightsEndpoints, ok } from '@rapport/http';
import { insightsRuntime, type InsightsRuntime } from '../shared/runtime/insights';
import { insightsStatusView } from './insights-http';

export const createGetInsightsStatusHandler = (rt: InsightsRuntime) =>
  createHttpHandler(rt, insightsEndpoints.getInsightsStatus, {}, async ({ actor }) => ok(insightsStatusView(await rt.insightsFor(actor).status())));

export const handler = createGetInsightsStatusHandler(insightsRuntime());
