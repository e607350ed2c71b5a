import { FALLBACK_HANDLER, ROUTES, type RouteAccess, type RouteDefinition } from '@rapport/http';
import { AuthorizationType, type IResource, type RequestValidator, type RestApi } from 'aws-cdk-lib/aws-apigateway';
import { Duration, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { HandlerFunction } from './handler-function';
import { HandlerIntegration } from './handler-integration';
import { HandlerStacks, pascalCase } from './handler-stacks';
import { grantRouteAccess, mergeAccess, type AccessTargets } from './route-access';
import { grantRateCounting } from '../data/table-access';

export interface RouteWiringProps {
  api: RestApi;
  /** The resources route access is granted on. */
  targets: AccessTargets;
  /** The variables every handler reads (table name, user pool and client ids, key ids, mail settings). */
  environment: Record<string, string>;
  requestValidator: RequestValidator;
  /** The API's stage name, for the source ARN of each function's invoke permission. */
  stageName: string;
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
  /** The nested stacks the functions live in, one per area of handlers (see `HandlerStacks`). */
  readonly handlerStacks: HandlerStacks;

  constructor(scope: Construct, id: string, props: RouteWiringProps) {
    super(scope, id);
    const routes: [string, RouteDefinition][] = Object.entries(ROUTES);
    this.handlerStacks = new HandlerStacks(this, 'Handlers', Stack.of(this).templateOptions.description ?? 'Rapport API');
    const addFunction = (handler: string, timeout?: Duration) =>
      new HandlerFunction(this.handlerStacks.stackFor(handler), functionId(handler), { handler, environment: props.environment, ...(timeout ? { timeout } : {}) });

    const functions = new Map<string, HandlerFunction>();
    for (const [handler, access] of accessByHandler(routes)) {
      // A route may ask for longer than the default (an export works through a whole workspace).
      const seconds = Math.max(...routes.filter(([, route]) => route.handler === handler).map(([, route]) => route.timeoutSeconds ?? 0));
      const fn = addFunction(handler, seconds > 0 ? Duration.seconds(seconds) : undefined);
      grantRouteAccess(fn, access, props.targets);
      // Every request but a public one is counted against its workspace's rate limits, reads too.
      const counted = routes.some(([, route]) => route.handler === handler && route.authorization !== 'public');
      if (counted && access.table !== 'readWrite') grantRateCounting(fn, props.targets.table);
      functions.set(handler, fn);
    }
    const fallback = functions.get(FALLBACK_HANDLER) ?? addFunction(FALLBACK_HANDLER);
    functions.set(FALLBACK_HANDLER, fallback);
    this.functions = functions;

    // One permission for the whole API: the fallback answers every path and method anyway.
    const fallbackIntegration = new HandlerIntegration(fallback.function, props.stageName, 'api');
    const routedResources = new Set<IResource>();

    for (const [routeId, route] of routes) {
      const resource = props.api.root.resourceForPath(route.path);
      const fn = functions.get(route.handler);
      if (!fn) throw new Error(`No function for handler ${route.handler}`);
      // Handlers verify the Cognito access token themselves and resolve the tenant from the membership
      // record, so API Gateway authorises nothing (see the AwsSolutions-APIG4/COG4 acknowledgements).
      resource.addMethod(route.method, new HandlerIntegration(fn.function, props.stageName, 'method'), {
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
const functionId = (handler: string): string => pascalCase(handler);

/** `/v1/contacts/{id}` → `['id']`. */
export function pathParameters(path: string): string[] {
  return [...path.matchAll(/\{([^}+]+)\+?\}/g)].map((match) => match[1] ?? '');
}
