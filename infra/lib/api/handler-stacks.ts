import { NestedStack } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/**
 * The most functions one handler stack holds. A function brings four or five resources (log group,
 * role, policy, function) plus one Lambda permission per method it serves, and one output for its
 * ARN; 40 keeps a stack near 250 resources and well under CloudFormation's 500 resources, 200
 * outputs and 1 MB template. An area that outgrows it gets its own entries in `HANDLER_GROUPS`.
 */
export const MAX_FUNCTIONS_PER_STACK = 40;

/**
 * Handler path prefixes that get a stack of their own instead of their area's, longest prefix
 * first (`'deals/pipeline-': 'deals-pipelines'`). Named explicitly, never split by count, so
 * adding a route never moves an existing function to another stack (which would replace it).
 */
export const HANDLER_GROUPS: Readonly<Record<string, string>> = {};

/** The stack a handler's function lives in: its explicit group, or its area (the first path segment: `contacts`). */
export function handlerGroup(handler: string): string {
  const prefix = Object.keys(HANDLER_GROUPS)
    .filter((candidate) => handler.startsWith(candidate))
    .sort((a, b) => b.length - a.length)[0];
  return prefix ? HANDLER_GROUPS[prefix]! : handler.split('/')[0]!;
}

/** `contacts/get-contact` → `ContactsGetContact`, `deals-pipelines` → `DealsPipelines`. */
export const pascalCase = (name: string): string =>
  name
    .split(/[/-]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');

/**
 * The API's Lambda functions, one nested stack per group of handlers, so the Api stack keeps only
 * the REST API (resources, methods, stage, deployment, gateway responses) and no stack nears
 * CloudFormation's 500 resources as routes are added. A function's log group, role, policy and its
 * Lambda permissions (which `HandlerIntegration` creates beside the function; `LambdaIntegration`
 * would put them beside the method, in the Api stack) live with it. The parent passes each value of
 * its own a stack refers to (the API id, the imports bucket and queue) once per stack as a
 * parameter, the other stacks' values are imports, and the parent reads one output per function
 * (its ARN, for the integrations of its methods).
 */
export class HandlerStacks extends Construct {
  private readonly stacks = new Map<string, NestedStack>();
  private readonly counts = new Map<string, number>();

  constructor(
    scope: Construct,
    id: string,
    private readonly description: string,
  ) {
    super(scope, id);
  }

  /** The stack for the next function of this handler's group. */
  stackFor(handler: string): NestedStack {
    const group = handlerGroup(handler);
    const count = (this.counts.get(group) ?? 0) + 1;
    if (count > MAX_FUNCTIONS_PER_STACK) {
      throw new Error(`The handler stack "${group}" would hold ${count} functions (at most ${MAX_FUNCTIONS_PER_STACK}): give some of its handlers a group in HANDLER_GROUPS`);
    }
    this.counts.set(group, count);
    let stack = this.stacks.get(group);
    if (!stack) {
      stack = new NestedStack(this, `${pascalCase(group)}Handlers`, { description: `${this.description}: the ${group} handlers` });
      this.stacks.set(group, stack);
    }
    return stack;
  }

  /** Every handler stack, by group name. */
  get all(): ReadonlyMap<string, NestedStack> {
    return this.stacks;
  }
}
