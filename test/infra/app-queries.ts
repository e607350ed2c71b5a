import { ROUTES, type RouteDefinition } from '@rapport/http';
import type { SynthesizedApp } from './synth-app';
import { logicalIdOf } from './template-queries';

export const routes: [string, RouteDefinition][] = Object.entries(ROUTES);

/** The logical id of the API function of a handler (`contacts/get-contact`). */
export function apiFunctionId(synth: SynthesizedApp, handler: string): string {
  const fn = synth.stacks.api.routes.functions.get(handler);
  if (!fn) throw new Error(`No function for ${handler}`);
  return logicalIdOf(fn.function);
}

/** The handlers of the routes that match, as a set (one function may serve several routes). */
export const handlersWith = (predicate: (route: RouteDefinition) => boolean): Set<string> =>
  new Set(routes.filter(([, route]) => predicate(route)).map(([, route]) => route.handler));

/** A suite registered inside a test file that owns the one synthesis all its suites share. */
export type SharedSynth = () => SynthesizedApp;
