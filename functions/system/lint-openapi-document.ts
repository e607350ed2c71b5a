/**
 * `npm run lint:openapi`: lints the OpenAPI document `GET /v1/openapi.json` serves with Spectral
 * (its OpenAPI rules and the OWASP API Security ruleset, `.spectral.yaml`) and Redocly
 * (`redocly.yaml`), both at once, offline. Fails when either reports a finding not waived in its
 * config file. Run by `npm test`, so CI runs it.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readOpenApiDocument } from './openapi-document';

const root = join(import.meta.dirname, '..', '..');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);

/** Runs a linter, its output kept until it ends so the two do not interleave; resolves to whether it passed. */
function run(name: string, command: string, args: string[]): Promise<boolean> {
  return new Promise((resolve, reject) => {
    // Redocly would otherwise send usage data and look for a newer version over the network.
    const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
    const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      console.log(`── ${name} ${code === 0 ? 'passed' : 'FAILED'}\n${output.trim()}\n`);
      resolve(code === 0);
    });
  });
}

const folder = mkdtempSync(join(tmpdir(), 'rapport-openapi-'));
try {
  const file = join(folder, 'openapi.json');
  writeFileSync(file, JSON.stringify(readOpenApiDocument(), null, 1));
  const results = await Promise.all([
    run('Spectral (OpenAPI + OWASP rules)', bin('spectral'), ['lint', file, '--ruleset', join(root, '.spectral.yaml'), '--fail-severity', 'warn', '--format', 'text']),
    run('Redocly (recommended rules)', bin('redocly'), ['lint', file, '--config', join(root, 'redocly.yaml'), '--format', 'codeframe']),
  ]);
  if (results.includes(false)) process.exitCode = 1;
} finally {
  rmSync(folder, { recursive: true, force: true });
}
