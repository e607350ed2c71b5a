import type { Template } from 'aws-cdk-lib/assertions';

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

/** Every method with its path and the logical id of the Lambda function its proxy integration calls. */
export function apiMethods(template: Template): ApiMethod[] {
  const paths = apiResourcePaths(template);
  return Object.values(resourcesOf(template, 'AWS::ApiGateway::Method')).map(({ Properties: properties = {} }) => {
    const resourceId = properties.ResourceId;
    const path = resourceId.Ref ? paths.get(resourceId.Ref)! : '/';
    return { httpMethod: properties.HttpMethod, path, functionLogicalId: integratedFunction(properties.Integration?.Uri), properties };
  });
}

/** The integration URI is `Fn::Join` of the Lambda invocation ARN around `Fn::GetAtt [<function>, Arn]`. */
function integratedFunction(uri: unknown): string {
  const found = JSON.stringify(uri ?? null).match(/"Fn::GetAtt":\["([^"]+)","Arn"\]/);
  if (!found?.[1]) throw new Error(`No function in integration URI ${JSON.stringify(uri)}`);
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
