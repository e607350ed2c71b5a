import { Stack, type CfnElement } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';

/** A resource of a synthesized template, loosely typed: the tests read what they assert on. */
export interface CfnResource {
  Type: string;
  Properties?: Record<string, any>;
  Metadata?: Record<string, any>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}

export interface PolicyStatement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
  Principal?: unknown;
  Sid?: string;
}

/** The resources of a template, all of them or those of one type. */
export const resourcesOf = (template: Template, type?: string): Record<string, CfnResource> =>
  (type ? template.findResources(type) : template.toJSON().Resources) as Record<string, CfnResource>;

export const asList = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/** The full path (`/v1/contacts/{id}`) of every API Gateway resource, by logical id, from PathPart and ParentId. */
export function apiResourcePaths(template: Template): Map<string, string> {
  const resources = resourcesOf(template, 'AWS::ApiGateway::Resource');
  const paths = new Map<string, string>();
  const pathOf = (logicalId: string): string => {
    const known = paths.get(logicalId);
    if (known) return known;
    const { ParentId, PathPart } = resources[logicalId]!.Properties!;
    const parent = ParentId.Ref ? pathOf(ParentId.Ref) : '';
    const path = `${parent}/${PathPart}`;
    paths.set(logicalId, path);
    return path;
  };
  for (const logicalId of Object.keys(resources)) pathOf(logicalId);
  return paths;
}

export interface ApiMethod {
  httpMethod: string;
  path: string;
  functionLogicalId: string;
  properties: Record<string, any>;
}

/** The value a nested stack (by its logical id in the parent) gives one of its outputs. */
export type NestedOutput = (stackLogicalId: string, output: string) => unknown;

/**
 * Every method with its path and the logical id of the Lambda function its proxy integration calls:
 * in this template, or in a nested stack whose output `nestedOutput` looks up.
 */
export function apiMethods(template: Template, nestedOutput?: NestedOutput): ApiMethod[] {
  const paths = apiResourcePaths(template);
  return Object.values(resourcesOf(template, 'AWS::ApiGateway::Method')).map(({ Properties: properties = {} }) => {
    const resourceId = properties.ResourceId;
    const path = resourceId.Ref ? paths.get(resourceId.Ref)! : '/';
    return { httpMethod: properties.HttpMethod, path, functionLogicalId: integratedFunction(properties.Integration?.Uri, nestedOutput), properties };
  });
}

/**
 * The integration URI is `Fn::Join` of the Lambda invocation ARN around `Fn::GetAtt [<function>, Arn]`,
 * or, for a function of a nested stack, around `Fn::GetAtt [<nested stack>, Outputs.<name>]`, the
 * output's value being the former.
 */
function integratedFunction(uri: unknown, nestedOutput?: NestedOutput): string {
  const text = JSON.stringify(uri ?? null);
  const output = text.match(/"Fn::GetAtt":\["([^"]+)","Outputs\.([^"]+)"\]/);
  if (output?.[1] && output[2] && nestedOutput) return integratedFunction(nestedOutput(output[1], output[2]));
  const found = text.match(/"Fn::GetAtt":\["([^"]+)","Arn"\]/);
  if (!found?.[1]) throw new Error(`No function in integration URI ${text}`);
  return found[1];
}

/** The statements of every inline policy attached to the role of the given function. */
export function policyStatementsOf(template: Template, functionLogicalId: string): PolicyStatement[] {
  const fn = resourcesOf(template, 'AWS::Lambda::Function')[functionLogicalId];
  const roleId: string | undefined = fn?.Properties?.Role?.['Fn::GetAtt']?.[0];
  if (!roleId) throw new Error(`Function ${functionLogicalId} has no role of this stack`);
  return Object.values(resourcesOf(template, 'AWS::IAM::Policy'))
    .filter(({ Properties }) => (Properties?.Roles ?? []).some((role: { Ref?: string }) => role.Ref === roleId))
    .flatMap(({ Properties }) => asList<PolicyStatement>(Properties!.PolicyDocument.Statement));
}

export const actionsOf = (statements: PolicyStatement[]): string[] => statements.flatMap((statement) => asList(statement.Action));

/**
 * Whether a template value refers to the resource with this logical id: directly (`Ref`, `Fn::GetAtt`)
 * or through another stack's output, whose generated name embeds it (a nested stack's parameters are
 * replaced by the parent's values, see `handlerTemplates`). Logical ids end in a hash, so a
 * substring match does not confuse two resources.
 */
export const refersTo = (value: unknown, logicalId: string): boolean => JSON.stringify(value ?? null).includes(logicalId);

/** The logical id CloudFormation knows a construct's resource by. */
export function logicalIdOf(construct: IConstruct): string {
  const resource = (construct.node.defaultChild ?? construct) as CfnElement;
  return Stack.of(construct).getLogicalId(resource);
}

/** A Lambda function of any stack, with every statement its role is allowed: inline and attached customer-managed policies. */
export interface FunctionGrants {
  stack: string;
  logicalId: string;
  statements: PolicyStatement[];
  /** The logical ids of the customer-managed policies attached to its role. */
  managedPolicies: string[];
}

export function functionGrants(templates: Record<string, Template>): FunctionGrants[] {
  const managedPolicies = Object.values(templates).flatMap((template) =>
    Object.entries(resourcesOf(template, 'AWS::IAM::ManagedPolicy')).map(([logicalId, { Properties }]) => ({
      logicalId,
      statements: asList<PolicyStatement>(Properties!.PolicyDocument.Statement),
    })),
  );
  return Object.entries(templates).flatMap(([stack, template]) =>
    Object.keys(resourcesOf(template, 'AWS::Lambda::Function')).map((logicalId) => {
      const roleId: string = resourcesOf(template, 'AWS::Lambda::Function')[logicalId]?.Properties?.Role?.['Fn::GetAtt']?.[0];
      const attachedArns = asList(resourcesOf(template, 'AWS::IAM::Role')[roleId]?.Properties?.ManagedPolicyArns ?? []);
      const attached = managedPolicies.filter((policy) => attachedArns.some((arn) => refersTo(arn, policy.logicalId)));
      return {
        stack,
        logicalId,
        statements: [...policyStatementsOf(template, logicalId), ...attached.flatMap((policy) => policy.statements)],
        managedPolicies: attached.map((policy) => policy.logicalId),
      };
    }),
  );
}

/** The statements among `statements` that allow something on a resource referring to `logicalId`. */
export const statementsOn = (statements: PolicyStatement[], logicalId: string): PolicyStatement[] =>
  statements.filter((statement) => statement.Effect === 'Allow' && refersTo(statement.Resource, logicalId));
