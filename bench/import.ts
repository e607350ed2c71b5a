/**
 * `npm run bench:import`: starts the local stack on a throw-away data folder and imports a
 * generated CSV of contacts through the API as a client would (upload URL, preview, mapping, dry
 * run and commit, each polling the job until the worker is done), and the same file again (every row skipped). Reports rows
 * per second and the time of each step as a Markdown table.
 *
 * BENCH_IMPORT_ROWS sets the rows (default 100,000); BENCH_IMPORT_DRY_RUN=0 skips the dry runs
 * (which check every email against the contacts, one query each); BENCH_IMPORT_AGAIN=0 skips the
 * second run.
 */
import { LIFTED_RATE_LIMITS, startLocalStack } from '@rapport/local';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { importThroughApi } from './import-flow';

const rows = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const root = resolve(import.meta.dirname, '..');
const dataDir = mkdtempSync(join(tmpdir(), 'rapport-bench-import-'));

process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
const stack = await startLocalStack({ dataDir, apiPort: 0, enginePorts: { dynamodb: 0, cognito: 0, s3: 0 }, functionsDir: join(root, 'functions'), rateLimits: LIFTED_RATE_LIMITS });

try {
  console.log(`\n## Contacts import: ${rows.toLocaleString('en')} rows, local stack on ${process.platform}/${process.arch}, Node ${process.version}\n`);
  console.log('| run | step | seconds | rows/s | result |');
  console.log('|---|---|---:|---:|---|');
  const { tenantId } = await importThroughApi({
    apiUrl: stack.api.url,
    rows,
    dryRun: process.env.BENCH_IMPORT_DRY_RUN !== '0',
    again: process.env.BENCH_IMPORT_AGAIN !== '0',
    onStep: (step) => console.log(`| ${step.run} | ${step.step} | ${step.seconds.toFixed(1)} | ${step.rowsPerSecond?.toFixed(0) ?? ''} | ${step.result} |`),
  });
  console.log(`\nTenant ${tenantId}.\n`);
} finally {
  await stack.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
