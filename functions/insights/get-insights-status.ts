import { createHttpHandler, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { insightsStatusView } from './insights-http';

export const createGetInsightsStatusHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'getInsightsStatus', {}, async ({ actor }) => ok(insightsStatusView(await rt.insightsFor(actor).status())));

export const handler = createGetInsightsStatusHandler(runtime());
