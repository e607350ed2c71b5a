import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addRapportStacks, type RapportStacks } from '../../infra/lib/rapport-app';

export interface SynthesizedApp {
  stacks: RapportStacks;
  assembly: ReturnType<App['synth']>;
  templates: { data: Template; identity: Template; audit: Template; events: Template; api: Template };
  /** Removes the temporary cloud assembly directory. */
  cleanUp(): void;
}

/** The context `cdk synth` gives the app: everything in cdk.json (feature flags included). */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as { context?: Record<string, unknown> };
  return cdkJson.context ?? {};
}

/**
 * Builds the app exactly as `infra/bin/app.ts` does, with cdk.json's context, and synthesizes it
 * into a temporary directory. Synthesis runs cdk-nag and throws on any unacknowledged finding.
 * `extraContext` can skip asset bundling (`'aws:cdk:bundling-stacks': []`) where the code does not matter.
 */
export function synthesizeApp(extraContext: Record<string, unknown> = {}, customise?: (stacks: RapportStacks) => void): SynthesizedApp {
  const outdir = mkdtempSync(join(tmpdir(), 'rapport-cdk-'));
  const app = new App({ outdir, context: { ...cdkJsonContext(), ...extraContext } });
  const stacks = addRapportStacks(app);
  customise?.(stacks);
  try {
    const assembly = app.synth();
    return {
      stacks,
      assembly,
      templates: {
        data: Template.fromStack(stacks.data),
        identity: Template.fromStack(stacks.identity),
        audit: Template.fromStack(stacks.audit),
        events: Template.fromStack(stacks.events),
        api: Template.fromStack(stacks.api),
      },
      cleanUp: () => rmSync(outdir, { recursive: true, force: true }),
    };
  } catch (error) {
    rmSync(outdir, { recursive: true, force: true });
    throw error;
  }
}
