/**
 * `npm run bench`: measures every target of issue 12 in one run on this machine, prints each
 * figure with its target and whether it holds, and writes the same as JSON (BENCH_RESULTS,
 * `bench/results/latest.json` by default; git-ignored).
 *
 * It starts the local stack on a throw-away data folder, then:
 * - `api`: drives each contacts route at 1 and 10 concurrent connections and makes the same-size
 *   DynamoDB call directly, so ratios compare API and DynamoDB in the same run;
 * - `mixed`: one tenant alone, then 20 tenants at once, each with 10 clients creating, reading,
 *   listing and updating contacts for 60 s (bounded: every client stops at the deadline);
 * - `import`: a contacts import of 100,000 generated rows through the API, dry run off;
 * - `demo`: `npm run demo`'s load (2,000 customers, seed 42) through the API;
 * then, with the stack stopped, `bundles` (each handler bundled as the CDK app does) and `synth`
 * (`npx cdk synth` of the whole app, timed as a CLI run).
 *
 * Knobs for a shorter run: BENCH_PARTS (comma-separated, default all of the above),
 * BENCH_REQUESTS (requests per route and concurrency, 300), BENCH_MIXED_TENANTS (20),
 * BENCH_MIXED_CLIENTS (10), BENCH_MIXED_SECONDS (60), BENCH_IMPORT_ROWS (100,000),
 * BENCH_DEMO_CUSTOMERS (2,000), BENCH_INIT_RUNS (processes per bundle for its cold init, 3; 0 skips
 * it). A shortened import or demo is judged against its target scaled
 * to its size, and says so.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createProgress, generateDataset, loadDemo } from '@rapport/demo';
import { LIFTED_RATE_LIMITS, localClientConfig, startLocalStack } from '@rapport/local';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BUNDLE_TARGETS, measureBundleReport } from './bundles';
import { apiCaller, importThroughApi } from './import-flow';
import { runLoad, type LoadResult } from './load';
import { runMixedLoad, type TenantLoad } from './mixed';
import { contactScenarios } from './scenarios';
import { judge, targetsTable, writeResults, type Figure, type JudgedFigure, type SkippedFigure } from './targets';

const PARTS = ['api', 'mixed', 'import', 'demo', 'bundles', 'synth'] as const;
type Part = (typeof PARTS)[number];

const whole = (name: string, fallback: number, min = 1) => {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be a whole number of at least ${min}, not "${text}"`);
  return value;
};
const parts = new Set<Part>(
  (process.env.BENCH_PARTS ?? PARTS.join(',')).split(',').map((part) => {
    const name = part.trim();
    if (!(PARTS as readonly string[]).includes(name)) throw new Error(`BENCH_PARTS names "${name}"; the parts are ${PARTS.join(', ')}`);
    return name as Part;
  }),
);
const settings = {
  parts: [...parts],
  requests: whole('BENCH_REQUESTS', 300),
  mixedTenants: whole('BENCH_MIXED_TENANTS', 20),
  mixedClients: whole('BENCH_MIXED_CLIENTS', 10),
  mixedSeconds: whole('BENCH_MIXED_SECONDS', 60),
  importRows: whole('BENCH_IMPORT_ROWS', 100_000),
  demoCustomers: whole('BENCH_DEMO_CUSTOMERS', 2_000),
  initRuns: whole('BENCH_INIT_RUNS', 3),
};
/** The figures, as the targets table names them. */
const API_FIGURES: [string, string][] = [
  ['createRatio', 'create contact, 10 clients, API req/s ÷ direct PutItem req/s'],
  ['getRatio', 'get contact, 10 clients, API req/s ÷ direct GetItem req/s'],
  ['createTail', 'create contact p95 ÷ p50 at 10 clients'],
  ['getLatency', 'get contact p50, 1 client, ÷ direct GetItem p50'],
];
const MIXED_FIGURE = `${settings.mixedTenants} tenants × ${settings.mixedClients} clients mixed, ${settings.mixedSeconds} s: no errors, lowest per-tenant req/s ÷ one tenant alone`;
const IMPORT_FIGURE = `${settings.importRows.toLocaleString('en')}-row contact import, dry run off`;
const DEMO_FIGURE = `npm run demo with ${settings.demoCustomers.toLocaleString('en')} customers`;
const BUNDLE_FIGURE = 'largest handler bundle, minified, SDK external';
const INIT_FIGURE = 'slowest handler module init ÷ empty handler init';
const SYNTH_FIGURE = 'npx cdk synth of the whole app';
const TARGET_IMPORT_ROWS = 100_000;
const TARGET_DEMO_CUSTOMERS = 2_000;
const root = resolve(import.meta.dirname, '..');
const resultsPath = resolve(root, process.env.BENCH_RESULTS ?? 'bench/results/latest.json');
const startedAt = new Date().toISOString();
const figures: (JudgedFigure | SkippedFigure)[] = [];
const details: Record<string, unknown> = {};
const record = (figure: Figure) => figures.push(judge(figure));
const skip = (id: string, figure: string, why: string) => figures.push({ id, figure, skipped: why });
const seconds = (since: number) => (performance.now() - since) / 1000;

process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
console.log(`\n# Rapport benchmark, ${startedAt}, ${process.platform}/${process.arch}, Node ${process.version}\n`);

if (parts.has('api') || parts.has('mixed') || parts.has('import') || parts.has('demo')) {
  const dataDir = mkdtempSync(join(tmpdir(), 'rapport-bench-'));
  const stack = await startLocalStack({ dataDir, apiPort: 0, enginePorts: { dynamodb: 0, cognito: 0, s3: 0 }, functionsDir: join(root, 'functions'), rateLimits: LIFTED_RATE_LIMITS });
  try {
    const apiUrl = stack.api.url;
    const call = apiCaller(apiUrl);
    /** A new workspace and its owner's token. */
    const workspace = async (name: string) => {
      const signup = { companyName: `${name} Co`, name, email: `bench-${name.toLowerCase().replace(/\W/g, '')}-${Date.now()}@example.com`, password: 'Bench-Passw0rd' };
      const created = await call('POST', '/v1/signup', signup);
      const login = await call('POST', '/v1/auth/login', { email: signup.email, password: signup.password });
      return { tenantId: String(created.tenantId), token: String(login.accessToken) };
    };

    if (parts.has('api')) await contactRoutes(apiUrl, await workspace('Bench'), stack);
    if (parts.has('mixed')) await mixedTenants(apiUrl, workspace);
    if (parts.has('import')) await importFigure(apiUrl);
    if (parts.has('demo')) await demoFigure(apiUrl, join(dataDir, 'mail'));
  } finally {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
if (!parts.has('api')) {
  for (const [id, figure] of API_FIGURES) skip(id, figure, 'BENCH_PARTS leaves out api');
}
if (!parts.has('mixed')) skip('mixedTenants', MIXED_FIGURE, 'BENCH_PARTS leaves out mixed');
if (!parts.has('import')) skip('importSeconds', IMPORT_FIGURE, 'BENCH_PARTS leaves out import');
if (!parts.has('demo')) skip('demoSeconds', DEMO_FIGURE, 'BENCH_PARTS leaves out demo');
if (parts.has('bundles')) await bundleFigure();
else {
  skip('largestBundle', BUNDLE_FIGURE, 'BENCH_PARTS leaves out bundles');
  skip('initRatio', INIT_FIGURE, 'BENCH_PARTS leaves out bundles');
}
if (parts.has('synth')) await synthFigure();
else skip('synthSeconds', SYNTH_FIGURE, 'BENCH_PARTS leaves out synth');

const order = ['createRatio', 'getRatio', 'createTail', 'getLatency', 'importSeconds', 'demoSeconds', 'largestBundle', 'initRatio', 'synthSeconds', 'mixedTenants'];
figures.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
console.log(`\n## Targets of issue 12\n\n${targetsTable(figures)}\n`);
writeResults(resultsPath, { startedAt, settings, figures, details });
const failed = figures.filter((figure) => 'pass' in figure && !figure.pass).length;
console.log(`${figures.length - failed} of ${figures.length} figures hold or were not measured, ${failed} fail; JSON in ${resultsPath}\n`);

/* The parts, in the order they run. */

async function contactRoutes(apiUrl: string, owner: { tenantId: string; token: string }, stack: Awaited<ReturnType<typeof startLocalStack>>) {
  const documents = DynamoDBDocumentClient.from(new DynamoDBClient(localClientConfig(stack.engines.dynamodb.endpoint)));
  const scenarios = contactScenarios({ apiUrl, token: owner.token, tenantId: owner.tenantId, documents, tableName: stack.tableName });
  const total = settings.requests;
  const rows: { route: string; concurrency: number; api: LoadResult; direct: LoadResult }[] = [];
  console.log(`## Contacts routes: ${total} requests per row, one tenant\n`);
  console.log('| route | conc. | API p50 ms | API p95 ms | API req/s | direct p50 ms | direct p95 ms | direct req/s | p50 ratio | errors |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const scenario of scenarios) {
    for (const concurrency of [1, 10]) {
      // Warm the handler (cold start) and the connection pool before timing.
      const warmIds = scenario.prepare ? await scenario.prepare(10) : [];
      await runLoad(10, 1, (index) => scenario.viaApi(warmIds, index));
      const apiIds = scenario.prepare ? await scenario.prepare(total) : [];
      const api = await runLoad(total, concurrency, (index) => scenario.viaApi(apiIds, index));
      const directIds = scenario.prepareDirect ? await scenario.prepareDirect(total) : [];
      const direct = await runLoad(total, concurrency, (index) => scenario.direct(directIds, index).then(() => true));
      rows.push({ route: scenario.route, concurrency, api, direct });
      console.log(
        `| ${scenario.route} | ${concurrency} | ${api.p50Ms.toFixed(1)} | ${api.p95Ms.toFixed(1)} | ${api.perSecond.toFixed(0)} | ` +
          `${direct.p50Ms.toFixed(1)} | ${direct.p95Ms.toFixed(1)} | ${direct.perSecond.toFixed(0)} | ` +
          `${(api.p50Ms / direct.p50Ms).toFixed(1)}× | ${api.errors + direct.errors} |`,
      );
    }
  }
  details.contactRoutes = rows;
  const row = (route: string, concurrency: number) => rows.find((candidate) => candidate.route === route && candidate.concurrency === concurrency)!;
  const create10 = row('POST /v1/contacts', 10);
  const get10 = row('GET /v1/contacts/{id}', 10);
  const get1 = row('GET /v1/contacts/{id}', 1);
  const errorsOf = (...measured: typeof rows) => measured.reduce((sum, next) => sum + next.api.errors + next.direct.errors, 0);
  const errorNote = (count: number) => (count > 0 ? { alsoHolds: false, note: `${count} errors` } : {});
  record({ id: 'createRatio', figure: API_FIGURES[0]![1], value: create10.api.perSecond / create10.direct.perSecond, unit: '×', target: 0.33, comparison: 'atLeast', ...errorNote(errorsOf(create10)) });
  record({ id: 'getRatio', figure: API_FIGURES[1]![1], value: get10.api.perSecond / get10.direct.perSecond, unit: '×', target: 0.5, comparison: 'atLeast', ...errorNote(errorsOf(get10)) });
  record({ id: 'createTail', figure: API_FIGURES[2]![1], value: create10.api.p95Ms / create10.api.p50Ms, unit: 'ratio', target: 2.5, comparison: 'atMost', ...errorNote(errorsOf(create10)) });
  record({ id: 'getLatency', figure: API_FIGURES[3]![1], value: get1.api.p50Ms / get1.direct.p50Ms, unit: '×', target: 3, comparison: 'atMost', ...errorNote(errorsOf(get1)) });
}

async function mixedTenants(apiUrl: string, workspace: (name: string) => Promise<{ tenantId: string; token: string }>) {
  const { mixedTenants: count, mixedClients: clientsPerTenant, mixedSeconds } = settings;
  const tenants = [];
  for (let index = 1; index <= count; index++) tenants.push({ name: `Tenant${index}`, token: (await workspace(`Tenant${index}`)).token });
  console.log(`\n## Mixed contacts load: ${clientsPerTenant} clients per tenant, ${mixedSeconds} s per run\n`);
  const alone = await runMixedLoad({ apiUrl, tenants: tenants.slice(0, 1), clientsPerTenant, seconds: mixedSeconds });
  const together = await runMixedLoad({ apiUrl, tenants, clientsPerTenant, seconds: mixedSeconds });
  const rates = together.map((load) => load.perSecond);
  const lowest = Math.min(...rates);
  const errors = [...alone, ...together].reduce((sum, load) => sum + load.errors, 0);
  const line = (run: string, loads: TenantLoad[]) => {
    const sum = loads.reduce((total, load) => total + load.perSecond, 0);
    const p50 = Math.max(...loads.map((load) => load.p50Ms));
    const p95 = Math.max(...loads.map((load) => load.p95Ms));
    console.log(
      `| ${run} | ${loads.length} | ${sum.toFixed(0)} | ${Math.min(...loads.map((load) => load.perSecond)).toFixed(1)} | ${Math.max(...loads.map((load) => load.perSecond)).toFixed(1)} | ${p50.toFixed(0)} | ${p95.toFixed(0)} | ${loads.reduce((total, load) => total + load.errors, 0)} |`,
    );
  };
  console.log('| run | tenants | total req/s | lowest tenant req/s | highest tenant req/s | worst p50 ms | worst p95 ms | errors |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  line('one tenant alone', alone);
  line('all tenants at once', together);
  const samples = [...alone, ...together].flatMap((load) => load.samples).slice(0, 5);
  if (samples.length > 0) console.log(`\nFirst errors: ${samples.join('; ')}`);
  details.mixed = { alone, together };
  record({
    id: 'mixedTenants',
    figure: MIXED_FIGURE,
    value: lowest / alone[0]!.perSecond,
    unit: '×',
    target: 0.5,
    comparison: 'atLeast',
    alsoHolds: errors === 0,
    note: `${errors} errors; alone ${alone[0]!.perSecond.toFixed(1)} req/s, together ${rates.reduce((sum, rate) => sum + rate, 0).toFixed(0)} req/s in all, highest ÷ lowest tenant ${(Math.max(...rates) / lowest).toFixed(2)}`,
  });
}

async function importFigure(apiUrl: string) {
  const rows = settings.importRows;
  console.log(`\n## Contacts import: ${rows.toLocaleString('en')} rows, dry run off\n`);
  console.log('| run | step | seconds | rows/s | result |');
  console.log('|---|---|---:|---:|---|');
  const { steps } = await importThroughApi({
    apiUrl,
    rows,
    dryRun: false,
    again: false,
    onStep: (step) => console.log(`| ${step.run} | ${step.step} | ${step.seconds.toFixed(1)} | ${step.rowsPerSecond?.toFixed(0) ?? ''} | ${step.result} |`),
  });
  details.import = steps;
  const commit = steps.find((step) => step.step.startsWith('import'))!;
  const scaled = rows !== TARGET_IMPORT_ROWS;
  const complete = commit.result === `completed: ${rows} created, 0 skipped, 0 failed`;
  record({
    id: 'importSeconds',
    figure: IMPORT_FIGURE,
    value: commit.seconds,
    unit: 's',
    target: (120 * rows) / TARGET_IMPORT_ROWS,
    comparison: 'atMost',
    alsoHolds: complete,
    ...(scaled || !complete ? { note: [scaled ? `target scaled from 120 s for ${TARGET_IMPORT_ROWS.toLocaleString('en')} rows` : '', complete ? '' : commit.result].filter(Boolean).join('; ') } : {}),
  });
}

async function demoFigure(apiUrl: string, mailDir: string) {
  const customers = settings.demoCustomers;
  console.log(`\n## npm run demo: ${customers.toLocaleString('en')} customers, seed 42 (progress on stderr)\n`);
  const started = performance.now();
  const dataset = generateDataset({ seed: 42, customers, today: new Date() });
  const loaded = await loadDemo({ apiUrl, dataset, mailDir, progress: createProgress() });
  const took = seconds(started);
  console.log('| phase | seconds |');
  console.log('|---|---:|');
  for (const [phase, time] of Object.entries(loaded.seconds)) console.log(`| ${phase} | ${time.toFixed(1)} |`);
  console.log(`| whole load | ${took.toFixed(1)} |`);
  details.demo = { seconds: loaded.seconds, counts: loaded.counts, pending: loaded.pending };
  const scaled = customers !== TARGET_DEMO_CUSTOMERS;
  record({
    id: 'demoSeconds',
    figure: DEMO_FIGURE,
    value: took,
    unit: 's',
    target: (180 * customers) / TARGET_DEMO_CUSTOMERS,
    comparison: 'atMost',
    ...(scaled ? { note: `target scaled from 3 min for ${TARGET_DEMO_CUSTOMERS.toLocaleString('en')} customers` } : {}),
  });
}

async function bundleFigure() {
  console.log('\n## Lambda bundles (esbuild, as the CDK app builds them)\n');
  const report = await measureBundleReport(join(root, 'functions'), { initRuns: settings.initRuns });
  const { bundles, bare } = report;
  console.log(`Cold init (median of ${settings.initRuns} fresh Node processes importing the bundle): empty handler ${bare.initMs.toFixed(0)} ms.\n`);
  console.log('| handler | minified KiB | gzip KiB | init ms | init ÷ empty |');
  console.log('|---|---:|---:|---:|---:|');
  for (const bundle of bundles) {
    console.log(`| ${bundle.handler} | ${(bundle.bytes / 1024).toFixed(0)} | ${(bundle.gzipBytes / 1024).toFixed(0)} | ${bundle.initMs?.toFixed(0) ?? '–'} | ${((bundle.initMs ?? Number.NaN) / bare.initMs).toFixed(2)} |`);
  }
  details.bundles = { baselines: { bare: report.bare, emptyHttp: report.emptyHttp }, bundles: bundles.map(({ sources: _sources, ...bundle }) => bundle) };
  const largest = bundles.reduce((max, bundle) => (bundle.bytes > max.bytes ? bundle : max));
  const over = bundles.filter((bundle) => bundle.bytes > BUNDLE_TARGETS.maxBytes).length;
  record({ id: 'largestBundle', figure: BUNDLE_FIGURE, value: largest.bytes / 1000, unit: 'KB', target: 250, comparison: 'atMost', note: `${largest.handler}; ${over} of ${bundles.length} over 250 KiB` });
  if (settings.initRuns === 0) {
    skip('initRatio', INIT_FIGURE, 'BENCH_INIT_RUNS=0');
    return;
  }
  const slowest = bundles.reduce((max, bundle) => ((bundle.initMs ?? 0) > (max.initMs ?? 0) ? bundle : max));
  record({ id: 'initRatio', figure: INIT_FIGURE, value: slowest.initMs! / bare.initMs, unit: '×', target: BUNDLE_TARGETS.maxInitRatio, comparison: 'atMost', note: `${slowest.handler}, ${slowest.initMs!.toFixed(0)} ms vs ${bare.initMs.toFixed(0)} ms` });
}

async function synthFigure() {
  const outDir = mkdtempSync(join(tmpdir(), 'rapport-bench-synth-'));
  console.log('\n## npx cdk synth of the whole app\n');
  const started = performance.now();
  try {
    const { code, output } = await new Promise<{ code: number | null; output: string }>((done, fail) => {
      let output = '';
      const child = spawn('npx', ['cdk', 'synth', '--quiet', '--output', outDir], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('error', fail);
      child.on('close', (exitCode) => done({ code: exitCode, output }));
    });
    const took = seconds(started);
    console.log(`cdk synth exited ${code} after ${took.toFixed(1)} s`);
    if (code !== 0) console.log(output.split('\n').slice(-20).join('\n'));
    details.synth = { seconds: took, exitCode: code };
    record({ id: 'synthSeconds', figure: SYNTH_FIGURE, value: took, unit: 's', target: 60, comparison: 'atMost', ...(code === 0 ? {} : { alsoHolds: false, note: `exited ${code}` }) });
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
