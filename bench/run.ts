/**
 * `npm run bench`: starts the local stack on a throw-away data folder, drives each contacts route
 * at 1 and 10 concurrent connections, and makes the same DynamoDB calls directly for comparison;
 * then reports each Lambda bundle's size. The API rows include what every write and every read of
 * personal data in clear costs: field encryption and an audit event chained in the same transaction. Prints one Markdown table per part (the README quotes them).
 *
 * BENCH_REQUESTS sets the requests per route and concurrency (default 300).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { localClientConfig, startLocalStack } from '@rapport/local';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { measureBundles } from './bundles';
import { runLoad } from './load';
import { contactScenarios } from './scenarios';

const total = Number(process.env.BENCH_REQUESTS ?? 300);
const concurrencies = [1, 10];
const root = resolve(import.meta.dirname, '..');
const dataDir = mkdtempSync(join(tmpdir(), 'rapport-bench-'));

process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
const stack = await startLocalStack({
  dataDir,
  apiPort: 0,
  enginePorts: { dynamodb: 0, cognito: 0, s3: 0 },
  functionsDir: join(root, 'functions'),
});

try {
  const apiUrl = stack.api.url;
  const signup = { companyName: 'Bench Co', name: 'Bench', email: `bench-${Date.now()}@example.com`, password: 'Bench-Passw0rd' };
  const created = await post(`${apiUrl}/v1/signup`, signup);
  const login = await post(`${apiUrl}/v1/auth/login`, { email: signup.email, password: signup.password });
  const documents = DynamoDBDocumentClient.from(new DynamoDBClient(localClientConfig(stack.engines.dynamodb.endpoint)));
  const scenarios = contactScenarios({ apiUrl, token: login.accessToken, tenantId: created.tenantId, documents, tableName: stack.tableName });

  console.log(`\n## Contacts routes: ${total} requests per row, local stack on ${process.platform}/${process.arch}, Node ${process.version}\n`);
  console.log('| route | conc. | API p50 ms | API p95 ms | API req/s | direct p50 ms | direct p95 ms | direct req/s | p50 ratio | errors |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const scenario of scenarios) {
    for (const concurrency of concurrencies) {
      // Warm the handler (cold start) and the connection pool before timing.
      const warmIds = scenario.prepare ? await scenario.prepare(10) : [];
      await runLoad(10, 1, (index) => scenario.viaApi(warmIds, index));
      const apiIds = scenario.prepare ? await scenario.prepare(total) : [];
      const api = await runLoad(total, concurrency, (index) => scenario.viaApi(apiIds, index));
      const directIds = scenario.prepareDirect ? await scenario.prepareDirect(total) : [];
      const direct = await runLoad(total, concurrency, (index) => scenario.direct(directIds, index).then(() => true));
      console.log(
        `| ${scenario.route} | ${concurrency} | ${api.p50Ms.toFixed(1)} | ${api.p95Ms.toFixed(1)} | ${api.perSecond.toFixed(0)} | ` +
          `${direct.p50Ms.toFixed(1)} | ${direct.p95Ms.toFixed(1)} | ${direct.perSecond.toFixed(0)} | ` +
          `${(api.p50Ms / direct.p50Ms).toFixed(1)}× | ${api.errors + direct.errors} |`,
      );
    }
  }

  console.log('\n## Lambda bundles (esbuild, as the CDK api stack builds them)\n');
  console.log('| handler | minified KiB | gzip KiB |');
  console.log('|---|---:|---:|');
  for (const bundle of await measureBundles(join(root, 'functions'))) {
    console.log(`| ${bundle.handler} | ${(bundle.bytes / 1024).toFixed(0)} | ${(bundle.gzipBytes / 1024).toFixed(0)} |`);
  }
  console.log();
} finally {
  await stack.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

async function post(url: string, body: unknown) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
  return response.json() as Promise<{ tenantId: string; accessToken: string }>;
}
