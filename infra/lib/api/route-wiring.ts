import { FALLBACK_HANDLER, ROUTES, type RouteAccess, type RouteDefinition } from '@rapport/http';
import { AuthorizationType, LambdaIntegration, type IResource, type RequestValidator, type RestApi } from 'aws-cdk-lib/aws-apigateway';
import { Duration } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { HandlerFunction } from './handler-function';
import { grantRouteAccess, mergeAccess, type AccessTargets } from './route-access';

export interface RouteWiringProps {
  api: RestApi;
  /** The resources route access is granted on. */
  targets: AccessTargets;
  /** The variables every handler reads (table name, user pool and client ids, key ids, mail settings). */
  environment: Record<string, string>;
  requestValidator: RequestValidator;
}

/**
 * The one place that turns the route table into infrastructure: a function per handler file, IAM
 * grants from each route's declared access, and a method per route. A route added to `ROUTES` is
 * deployed with no change here. Everything no route matches (another method on a known path, an
 * unknown path) goes to the fallback handler, which answers 405 with `Allow` or 404.
 */
export class RouteWiring extends Construct {
  /** The function of each handler, by handler path (`contacts/get-contact`). */
  readonly functions: ReadonlyMap<string, HandlerFunction>;

  constructor(scope: Construct, id: string, props: RouteWiringProps) {
    super(scope, id);
    const routes: [string, RouteDefinition][] = Object.entries(ROUTES);

    const functions = new Map<string, HandlerFunction>();
    for (const [handler, access] of accessByHandler(routes)) {
      const seconds = Math.max(...routes.filter(([, route]) => route.handler === handler).map(([, route]) => route.timeoutSeconds ?? 0));
      const fn = new HandlerFunction(this, functionId(handler), {
        handler,
        environment: props.environment,
        ...(seconds > 0 ? { timeout: Duration.seconds(seconds) } : {}),
      });
      grantRouteAccess(fn, access, props.targets);
      functions.set(handler, fn);
    }
    const fallback =
      functions.get(FALLBACK_HANDLER) ?? new HandlerFunction(this, functionId(FALLBACK_HANDLER), { handler: FALLBACK_HANDLER, environment: props.environment });
    functions.set(FALLBACK_HANDLER, fallback);
    this.functions = functions;

    // One permission for the whole API: the fallback answers every path and method anyway.
    const fallbackIntegration = new LambdaIntegration(fallback.function, { scopePermissionToMethod: false });
    const routedResources = new Set<IResource>();

    for (const [routeId, route] of routes) {
      const resource = props.api.root.resourceForPath(route.path);
      const fn = functions.get(route.handler);
      if (!fn) throw new Error(`No function for handler ${route.handler}`);
      // Handlers verify the Cognito access token themselves and resolve the tenant from the membership
      // record, so API Gateway authorises nothing (see the AwsSolutions-APIG4/COG4 acknowledgements).
      resource.addMethod(route.method, new LambdaIntegration(fn.function, { allowTestInvoke: false }), {
        operationName: routeId,
        authorizationType: AuthorizationType.NONE,
        requestValidator: props.requestValidator,
        requestParameters: Object.fromEntries(pathParameters(route.path).map((name) => [`method.request.path.${name}`, true])),
      });
      for (let node: IResource | undefined = resource; node && node !== props.api.root; node = node.parentResource) routedResources.add(node);
    }

    // API Gateway prefers a specific method and sends every other method on the same resource to ANY.
    for (const resource of routedResources) resource.addMethod('ANY', fallbackIntegration, { authorizationType: AuthorizationType.NONE });
    props.api.root.addMethod('ANY', fallbackIntegration, { authorizationType: AuthorizationType.NONE });
    props.api.root.addProxy({ defaultIntegration: fallbackIntegration, defaultMethodOptions: { authorizationType: AuthorizationType.NONE } });
  }
}

/** One function may serve several routes; it gets the union of their access. */
function accessByHandler(routes: [string, RouteDefinition][]): Map<string, RouteAccess> {
  const result = new Map<string, RouteAccess>();
  for (const [, { handler, access }] of routes) result.set(handler, mergeAccess(result.get(handler) ?? {}, access));
  return result;
}

/** `contacts/get-contact` → `ContactsGetContact`: stable logical ids that survive reordering the route table. */
function functionId(handler: string): string {
  return handler
    .split(/[/-]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/** `/v1/contacts/{id}` → `['id']`. */
export function pathParameters(path: string): string[] {
  return [...path.matchAll(/\{([^}+]+)\+?\}/g)].map((match) => match[1] ?? '');
}
