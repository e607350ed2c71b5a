import { createHttpHandler, dealForecastQuery, ok, salesEndpoints } from '@rapport/http';
import { salesRuntime, type SalesRuntime } from '../shared/runtime/sales';

export const createGetDealForecastHandler = (rt: SalesRuntime) =>
  createHttpHandler(rt, salesEndpoints.getDealForecast, { query: dealForecastQuery }, async ({ query, actor }) => ok(await rt.dealsFor(actor).forecast(query)));

export const handler = createGetDealForecastHandler(salesRuntime());
