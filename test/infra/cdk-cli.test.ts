import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const cdkBin = join(dirname(createRequire(import.meta.url).resolve('aws-cdk/package.json')), 'bin', 'cdk');
const outdir = mkdtempSync(join(tmpdir(), 'rapport-cdk-cli-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

const templateIn = (name: string) => JSON.parse(readFileSync(join(outdir, name), 'utf8')) as { Resources: Record<string, { Type: string }> };

describe('npx cdk synth', () => {
  it('synthesizes every stack offline through cdk.json, with cdk-nag finding nothing unacknowledged', async () => {
    // Act: the command a developer types, with no AWS credentials and no Docker. The whole app is
    // synthesized and checked by cdk-nag; `--exclusively` on the data stack only skips bundling the
    // other stacks' functions, which the app assertions (rapport-app.test.ts) already bundle with the
    // same local esbuild; bundling every handler twice doubled the suite's time.
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [cdkBin, 'synth', 'Rapport-dev-Data', '--exclusively', '--quiet', '--output', outdir], {
      cwd: root,
      env: { ...process.env, AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_PROFILE: '', CDK_DOCKER: 'docker-is-not-used' },
      maxBuffer: 16 * 1024 * 1024,
    });

    // Assess
    for (const stack of ['Rapport-dev-Data', 'Rapport-dev-Identity', 'Rapport-dev-Audit', 'Rapport-dev-Events', 'Rapport-dev-Api', 'Rapport-dev-Analytics', 'Rapport-dev-Web']) {
      expect(existsSync(join(outdir, `${stack}.template.json`)), stack).toBe(true);
    }
    expect(`${stdout}\n${stderr}`).not.toMatch(/AwsSolutions-\w+/);
    // The API's functions are in its nested handler stacks, one template per area.
    const templates = readdirSync(outdir).filter((name) => name.endsWith('.template.json'));
    const nested = templates.filter((name) => /^RapportdevApiRoutesHandlers\w+\.nested\.template\.json$/.test(name));
    const functionsIn = (name: string) =>
      Object.values(templateIn(name).Resources).filter((resource) => resource.Type === 'AWS::Lambda::Function').length;
    expect(nested.length).toBeGreaterThan(1);
    for (const name of nested) expect(functionsIn(name), name).toBeGreaterThan(0);
    // What CloudFormation would refuse: more than 500 resources in a stack or a template over 1 MB.
    for (const name of templates) {
      expect(Object.keys(templateIn(name).Resources).length, name).toBeLessThanOrEqual(450);
      expect(statSync(join(outdir, name)).size, name).toBeLessThan(900 * 1024);
    }
  });
});
