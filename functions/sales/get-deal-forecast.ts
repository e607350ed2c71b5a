import { createHttpHandler, dealForecastQuery, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';

export const createGetDealForecastHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'getDealForecast', { query: dealForecastQuery }, async ({ query, actor }) => ok(await rt.dealsFor(actor).forecast(query)));

export const handler = createGetDealForecastHandler(runtime());
