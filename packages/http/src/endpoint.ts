import type { RouteContract } from './openapi/contract';
import type { RouteDefinition } from './routes/route-definition';

/** One route as its handler is built from it: its id, its declaration and its contract. */
export interface Endpoint<Id extends string = string, Route extends RouteDefinition = RouteDefinition> {
  id: Id;
  route: Route;
  contract: RouteContract;
}

/** An area's endpoints, keyed like its routes. */
export type Endpoints<Routes extends Record<string, RouteDefinition>> = { [Id in keyof Routes & string]: Endpoint<Id, Routes[Id]> };

/**
 * Pairs an area's routes with their contracts (a route without one does not compile), so a handler
 * is built from its own area's declarations only and its bundle holds no other area's.
 */
export function endpointsOf<Routes extends Record<string, RouteDefinition>>(
  routes: Routes,
  contracts: Record<keyof Routes & string, RouteContract>,
): Endpoints<Routes> {
  return Object.fromEntries(Object.entries(routes).map(([id, route]) => [id, { id, route, contract: contracts[id] }])) as Endpoints<Routes>;
}
