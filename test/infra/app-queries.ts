import { ROUTES, type RouteDefinition } from '@rapport/http';
import { Template } from 'aws-cdk-lib/assertions';
import { handlerGroup } from '../../infra/lib/api/handler-stacks';
import { handlerTemplateKey, type SynthesizedApp } from './synth-app';
import { apiMethods, logicalIdOf, resourcesOf, type ApiMethod, type CfnResource } from './template-queries';

export const routes: [string, RouteDefinition][] = Object.entries(ROUTES);

/** The logical id of the API function of a handler (`contacts/get-contact`). */
export function apiFunctionId(synth: SynthesizedApp, handler: string): string {
  const fn = synth.stacks.api.routes.functions.get(handler);
  if (!fn) throw new Error(`No function for ${handler}`);
  return logicalIdOf(fn.function);
}

/** The key in `allTemplates` of the handler stack holding a handler's function (`api/contacts`). */
export const apiFunctionStack = (handler: string): string => handlerTemplateKey(handlerGroup(handler));

/** The API's Lambda functions by logical id: the route handlers in every handler stack, and the import worker in the Api stack. */
export function apiFunctions(synth: SynthesizedApp): Record<string, CfnResource> {
  return Object.assign(
    {},
    resourcesOf(synth.templates.api, 'AWS::Lambda::Function'),
    ...Object.values(synth.handlerTemplates).map((template) => resourcesOf(template, 'AWS::Lambda::Function')),
  );
}

/** The methods of the API, each with the function it integrates, looked up through the handler stacks' outputs. */
export function apiMethodsOf(synth: SynthesizedApp): ApiMethod[] {
  const nestedTemplates = new Map(
    [...synth.stacks.api.routes.handlerStacks.all.values()].map((stack) => [logicalIdOf(stack.nestedStackResource!), Template.fromStack(stack)]),
  );
  return apiMethods(synth.templates.api, (stackLogicalId, output) => nestedTemplates.get(stackLogicalId)?.toJSON().Outputs?.[output]?.Value);
}

/** The handlers of the routes that match, as a set (one function may serve several routes). */
export const handlersWith = (predicate: (route: RouteDefinition) => boolean): Set<string> =>
  new Set(routes.filter(([, route]) => predicate(route)).map(([, route]) => route.handler));

/** A suite registered inside a test file that owns the one synthesis all its suites share. */
export type SharedSynth = () => SynthesizedApp;
