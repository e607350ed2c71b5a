import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const cdkBin = join(dirname(createRequire(import.meta.url).resolve('aws-cdk/package.json')), 'bin', 'cdk');
const outdir = mkdtempSync(join(tmpdir(), 'rapport-cdk-cli-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('npx cdk synth', () => {
  it('synthesizes every stack offline through cdk.json, with cdk-nag finding nothing unacknowledged', async () => {
    // Act: the command a developer types, with no AWS credentials and no Docker.
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [cdkBin, 'synth', '--quiet', '--output', outdir], {
      cwd: root,
      env: { ...process.env, AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_PROFILE: '', CDK_DOCKER: 'docker-is-not-used' },
      maxBuffer: 16 * 1024 * 1024,
    });

    // Assess
    for (const stack of ['Rapport-dev-Data', 'Rapport-dev-Identity', 'Rapport-dev-Audit', 'Rapport-dev-Events', 'Rapport-dev-Api']) {
      expect(existsSync(join(outdir, `${stack}.template.json`)), stack).toBe(true);
    }
    expect(`${stdout}\n${stderr}`).not.toMatch(/AwsSolutions-\w+/);
    const api = JSON.parse(readFileSync(join(outdir, 'Rapport-dev-Api.template.json'), 'utf8')) as { Resources: Record<string, { Type: string }> };
    expect(Object.values(api.Resources).filter((resource) => resource.Type === 'AWS::Lambda::Function').length).toBeGreaterThan(0);
  });
});
