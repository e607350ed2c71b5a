import { ROUTES, type HttpMethod, type RouteDefinition, type RouteId } from './routes';

export type RouteMatch =
  | { kind: 'route'; id: RouteId; route: RouteDefinition; pathParameters: Record<string, string> }
  | { kind: 'method-not-allowed'; allow: HttpMethod[] }
  | { kind: 'not-found' };

const compiled = Object.entries(ROUTES).map(([id, route]) => {
  const names: string[] = [];
  const pattern = route.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_match, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { id: id as RouteId, route: route as RouteDefinition, regex: new RegExp(`^${pattern}/?$`), names };
});

/** Finds the route for a request the way API Gateway does: by path, then by method. */
export function matchRoute(method: string, path: string): RouteMatch {
  const byPath = compiled
    .map((candidate) => ({ candidate, match: candidate.regex.exec(path) }))
    .filter((entry) => entry.match !== null);
  if (byPath.length === 0) return { kind: 'not-found' };
  // As API Gateway does, a literal segment wins over a parameter: /v1/contacts/completeness is not contact "completeness".
  const hit = byPath
    .filter((entry) => entry.candidate.route.method === method.toUpperCase())
    .sort((a, b) => a.candidate.names.length - b.candidate.names.length)[0];
  if (!hit) return { kind: 'method-not-allowed', allow: byPath.map((entry) => entry.candidate.route.method) };
  let pathParameters: Record<string, string>;
  try {
    pathParameters = Object.fromEntries(
      hit.candidate.names.map((name, index) => [name, decodeURIComponent(hit.match![index + 1]!)]),
    );
  } catch {
    return { kind: 'not-found' }; // a malformed percent-escape names no resource
  }
  return { kind: 'route', id: hit.candidate.id, route: hit.candidate.route, pathParameters };
}
