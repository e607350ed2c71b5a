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
  // As in API Gateway, a literal segment beats a parameter: `/v1/contacts/export` is not contact "export", nor `/v1/contacts/completeness`.
  const fewest = Math.min(...byPath.map((entry) => entry.candidate.names.length));
  const specific = byPath.filter((entry) => entry.candidate.names.length === fewest);
  const hit = specific.find((entry) => entry.candidate.route.method === method.toUpperCase());
  if (!hit) return { kind: 'method-not-allowed', allow: specific.map((entry) => entry.candidate.route.method) };
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
