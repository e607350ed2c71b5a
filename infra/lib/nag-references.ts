import { Names, Stack, type CfnResource } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * How cdk-nag names a resource's ARN in a grantee's policy, for an acknowledgement that names it:
 * `<Id.Arn>` in the resource's own stack, and in a nested stack of it (an API handler stack) the
 * parameter CDK passes it through, named `reference-to-<unique id of the resource>Arn` without its
 * dashes. Anywhere else the grant is a mistake: it throws.
 */
export function arnAsSeenBy(resource: CfnResource, grantee: IConstruct): string {
  const here = Stack.of(resource);
  const there = Stack.of(grantee);
  if (there === here) return `${here.getLogicalId(resource)}.Arn`;
  if (there.nestedStackParent === here) return `referenceto${Names.nodeUniqueId(resource.node)}Arn`;
  throw new Error(`${resource.node.path} is granted only within ${here.node.path} and its nested stacks, not to ${grantee.node.path}`);
}
