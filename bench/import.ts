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
import { startLocalStack } from '@rapport/local';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const rows = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const withDryRun = process.env.BENCH_IMPORT_DRY_RUN !== '0';
const runs = process.env.BENCH_IMPORT_AGAIN === '0' ? ['first import'] : ['first import', 'same file again'];
const root = resolve(import.meta.dirname, '..');
const dataDir = mkdtempSync(join(tmpdir(), 'rapport-bench-import-'));

process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
const stack = await startLocalStack({ dataDir, apiPort: 0, enginePorts: { dynamodb: 0, cognito: 0, s3: 0 }, functionsDir: join(root, 'functions') });

/** A HubSpot-style export: every row valid and distinct. */
function generatedCsv(count: number): string {
  // A distinct, valid London number per row (020 7xxx xxxx), so rows are neither refused nor duplicates.
  const phoneOf = (i: number) => {
    const digits = String(i).padStart(7, '0');
    return `+44 20 7${digits.slice(0, 3)} ${digits.slice(3)}`;
  };
  const lines = ['First Name,Last Name,Email Address,Phone Number,Company Name,Job Title,Tags,Notes'];
  for (let i = 1; i <= count; i++) {
    lines.push(`First${i},Last${i},person${i}@bench.example,${phoneOf(i)},Company ${i % 500},Buyer,"vip; newsletter","Met at the fair, row ${i}"`);
  }
  return `${lines.join('\n')}\n`;
}

try {
  const signup = { companyName: 'Bench Co', name: 'Bench', email: `bench-${Date.now()}@example.com`, password: 'Bench-Passw0rd' };
  const tenant = await call('POST', '/v1/signup', signup);
  const { accessToken: token } = await call('POST', '/v1/auth/login', { email: signup.email, password: signup.password });
  const csv = generatedCsv(rows);
  console.log(`\n## Contacts import: ${rows.toLocaleString('en')} rows (${(Buffer.byteLength(csv) / 1024 / 1024).toFixed(1)} MiB), local stack on ${process.platform}/${process.arch}, Node ${process.version}\n`);
  console.log('| run | step | seconds | rows/s | result |');
  console.log('|---|---|---:|---:|---|');

  for (const run of runs) {
    const timed = async <T>(step: string, action: () => Promise<T>, result: (value: T) => string, perRow = true) => {
      const start = performance.now();
      const value = await action();
      const seconds = (performance.now() - start) / 1000;
      console.log(`| ${run} | ${step} | ${seconds.toFixed(1)} | ${perRow ? (rows / seconds).toFixed(0) : ''} | ${result(value)} |`);
      return value;
    };
    const created = await call('POST', '/v1/imports', { entity: 'contacts', fileName: 'bench.csv' }, token);
    await timed('upload (presigned PUT)', () => fetch(created.upload.url, { method: 'PUT', body: csv, headers: created.upload.headers }), (response) => String(response.status), false);
    const preview = await call('GET', `/v1/imports/${created.id}/preview`, undefined, token);
    await call('PUT', `/v1/imports/${created.id}/mapping`, { columns: preview.suggestedMapping }, token);
    /** Polls the job until it reaches one of `statuses`. */
    const settled = async (statuses: string[]) => {
      for (;;) {
        const job = await call('GET', `/v1/imports/${created.id}`, undefined, token);
        if (statuses.includes(job.status)) return job;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    };
    if (withDryRun) {
      await timed(
        'dry run (validating → validated)',
        async () => {
          await call('POST', `/v1/imports/${created.id}/dry-run`, undefined, token);
          return settled(['validated', 'failed']);
        },
        (job) => (job.dryRun ? `${job.dryRun.valid} valid, ${job.dryRun.alreadyImported} imported before, ${job.dryRun.duplicateCount} duplicates` : `${job.status}: ${job.failure}`),
      );
    }
    await timed(
      'import (commit → completed)',
      async () => {
        await call('POST', `/v1/imports/${created.id}/commit`, undefined, token);
        return settled(['completed', 'failed']);
      },
      (job) => `${job.status}: ${job.progress.created} created, ${job.progress.skipped} skipped, ${job.progress.failed} failed`,
    );
  }
  console.log(`\nTenant ${tenant.tenantId}.\n`);
} finally {
  await stack.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

async function call(method: string, path: string, body?: unknown, token?: string) {
  const response = await fetch(`${stack.api.url}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
  return response.json() as Promise<any>;
}
