import { App, type CfnElement, type NestedStack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addRapportStacks, type RapportStacks } from '../../infra/lib/rapport-app';

export interface SynthesizedApp {
  stacks: RapportStacks;
  assembly: ReturnType<App['synth']>;
  templates: { data: Template; identity: Template; audit: Template; events: Template; api: Template; analytics: Template; web: Template };
  /**
   * The API's handler stacks (nested in the Api stack), keyed `api/<group>` (`api/contacts`), each
   * parameter replaced by the value the Api stack passes (`Ref`/`Fn::GetAtt` of its resource), so
   * queries find references to the Api stack's resources as they would in one template.
   */
  handlerTemplates: Record<string, Template>;
  /** Every template of the app, top-level and nested: `templates` and `handlerTemplates` together. */
  allTemplates: Record<string, Template>;
  /** Removes the temporary cloud assembly directory. */
  cleanUp(): void;
}

/** The key of a handler stack's template in `handlerTemplates` and `allTemplates`. */
export const handlerTemplateKey = (group: string): string => `api/${group}`;

/** A nested stack's template with every `Ref` to one of its parameters replaced by the value its parent passes. */
function withParentValues(stack: NestedStack, parent: Template): Template {
  const parentLogicalId = stack.nestedStackParent!.getLogicalId(stack.nestedStackResource as CfnElement);
  const values: Record<string, unknown> = parent.toJSON().Resources[parentLogicalId].Properties.Parameters ?? {};
  const replace = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(replace);
    if (value === null || typeof value !== 'object') return value;
    const ref = (value as { Ref?: unknown }).Ref;
    if (Object.keys(value).length === 1 && typeof ref === 'string' && ref in values) return values[ref];
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, replace(inner)]));
  };
  const json = Template.fromStack(stack).toJSON();
  return Template.fromJSON({ ...json, Resources: replace(json.Resources), Outputs: replace(json.Outputs ?? {}) } as Record<string, unknown>);
}

/** The context `cdk synth` gives the app: everything in cdk.json (feature flags included). */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as { context?: Record<string, unknown> };
  return cdkJson.context ?? {};
}

/**
 * A stand-in for the built console in `dir` (an `index.html` and one asset), so synthesis deploys a
 * folder as the web stack would and never runs the console's own build.
 */
export function fakeConsoleDist(dir: string): string {
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html><head><script type="module" src="/assets/app.js"></script></head><body></body></html>');
  writeFileSync(join(dir, 'assets', 'app.js'), 'export {};');
  return dir;
}

/**
 * Builds the app exactly as `infra/bin/app.ts` does, with cdk.json's context, and synthesizes it
 * into a temporary directory. Synthesis runs cdk-nag and throws on any unacknowledged finding.
 * `extraContext` can skip asset bundling (`'aws:cdk:bundling-stacks': []`) where the code does not matter.
 */
export function synthesizeApp(extraContext: Record<string, unknown> = {}, customise?: (stacks: RapportStacks) => void): SynthesizedApp {
  const outdir = mkdtempSync(join(tmpdir(), 'rapport-cdk-'));
  const consoleDist = fakeConsoleDist(join(outdir, 'console-dist'));
  const app = new App({ outdir: join(outdir, 'assembly'), context: { ...cdkJsonContext(), consoleDist, ...extraContext } });
  const stacks = addRapportStacks(app);
  customise?.(stacks);
  try {
    const assembly = app.synth();
    const templates = {
      data: Template.fromStack(stacks.data),
      identity: Template.fromStack(stacks.identity),
      audit: Template.fromStack(stacks.audit),
      events: Template.fromStack(stacks.events),
      api: Template.fromStack(stacks.api),
      analytics: Template.fromStack(stacks.analytics),
      web: Template.fromStack(stacks.web),
    };
    const handlerTemplates = Object.fromEntries(
      [...stacks.api.routes.handlerStacks.all].map(([group, stack]) => [handlerTemplateKey(group), withParentValues(stack, templates.api)]),
    );
    return {
      stacks,
      assembly,
      templates,
      handlerTemplates,
      allTemplates: { ...templates, ...handlerTemplates },
      cleanUp: () => rmSync(outdir, { recursive: true, force: true }),
    };
  } catch (error) {
    rmSync(outdir, { recursive: true, force: true });
    throw error;
  }
}
