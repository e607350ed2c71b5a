/**
 * `npm run bench:bundles`: the bundle targets of issue 12, measured in one run on this machine.
 * Bundles every API handler as the CDK app does (minified, `@aws-sdk/*` left to the Lambda runtime)
 * and reports, per handler, its size, its cold init (a fresh Node process importing it, as Lambda's
 * init does, with an AWS-like environment) and which areas' routes and contracts it holds; then
 * times `npx cdk synth` of the whole app. Prints Markdown and writes the same as JSON to
 * `bench/out/bundles.json` (git-ignored).
 *
 * Init is compared with two baselines of the same run: a bare handler (no dependency: the Node
 * process alone) and an empty HTTP handler on the shared chain (what every API handler carries).
 * BENCH_INIT_RUNS sets the processes per bundle (default 3, the median is kept; 0 skips init);
 * BENCH_SYNTH=0 skips the synth.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BUNDLE_TARGETS, measureBundleReport, type BundleSize } from './bundles';

const root = resolve(import.meta.dirname, '..');
const initRuns = Number(process.env.BENCH_INIT_RUNS ?? 3);
const report = await measureBundleReport(join(root, 'functions'), { initRuns });
const kib = (bytes: number) => (bytes / 1024).toFixed(0);

/** The area files (routes and contracts) of the repository a bundle holds, by area. */
const areasIn = (bundle: BundleSize) =>
  [...new Set(bundle.sources.flatMap((source) => /packages\/http\/src\/(?:routes|openapi\/contracts)\/([a-z-]+)\.ts$/.exec(source)?.[1] ?? []))].filter(
    (area) => area !== 'route-definition',
  );
/** Whether it holds the whole table or the OpenAPI document builder, which only not-found and get-openapi need. */
const holdsWholeApi = (bundle: BundleSize) => bundle.sources.some((source) => /packages\/http\/src\/(routes|openapi\/document|openapi\/route-contracts)\.ts$/.test(source));

console.log(`\n## Lambda bundles: ${report.bundles.length} API handlers, esbuild as the CDK app runs it (minified, @aws-sdk/* external)\n`);
console.log(`Baselines: bare handler ${report.bare.initMs.toFixed(0)} ms init (${report.bare.importMs.toFixed(1)} ms import); ` +
  `empty HTTP handler ${kib(report.emptyHttp.bytes)} KiB, ${report.emptyHttp.initMs.toFixed(0)} ms init (${report.emptyHttp.importMs.toFixed(1)} ms import).\n`);
console.log('| handler | minified KiB | gzip KiB | init ms | import ms | init ÷ bare | import ÷ empty HTTP | areas held |');
console.log('|---|---:|---:|---:|---:|---:|---:|---|');
for (const bundle of [...report.bundles].sort((a, b) => b.bytes - a.bytes)) {
  const areas = holdsWholeApi(bundle) ? 'all (whole table)' : areasIn(bundle).join(', ');
  console.log(
    `| ${bundle.handler} | ${kib(bundle.bytes)} | ${kib(bundle.gzipBytes)} | ${bundle.initMs?.toFixed(0) ?? '–'} | ${bundle.importMs?.toFixed(1) ?? '–'} | ` +
      `${((bundle.initMs ?? NaN) / report.bare.initMs).toFixed(2)}× | ${((bundle.importMs ?? NaN) / report.emptyHttp.importMs).toFixed(2)}× | ${areas} |`,
  );
}

const largest = report.bundles.reduce((a, b) => (b.bytes > a.bytes ? b : a));
const slowestInit = report.bundles.reduce((a, b) => ((b.initMs ?? 0) > (a.initMs ?? 0) ? b : a));
const slowestImport = report.bundles.reduce((a, b) => ((b.importMs ?? 0) > (a.importMs ?? 0) ? b : a));
const overBudget = report.bundles.filter((bundle) => bundle.bytes > BUNDLE_TARGETS.maxBytes);

let synth: { seconds: number; load: number[] } | undefined;
if (process.env.BENCH_SYNTH !== '0') synth = await timeSynth();

const figures = [
  { figure: 'largest handler bundle, minified, SDK external', value: `${kib(largest.bytes)} KiB (${largest.handler}); ${overBudget.length} over`, target: `≤ ${kib(BUNDLE_TARGETS.maxBytes)} KiB`, holds: overBudget.length === 0 },
  ...(initRuns > 0
    ? [
        { figure: 'slowest cold init ÷ bare handler (process)', value: `${(slowestInit.initMs! / report.bare.initMs).toFixed(2)}× (${slowestInit.handler})`, target: `≤ ${BUNDLE_TARGETS.maxInitRatio}×`, holds: slowestInit.initMs! / report.bare.initMs <= BUNDLE_TARGETS.maxInitRatio },
        { figure: 'slowest import ÷ empty HTTP handler', value: `${(slowestImport.importMs! / report.emptyHttp.importMs).toFixed(2)}× (${slowestImport.handler})`, target: `≤ ${BUNDLE_TARGETS.maxInitRatio}×`, holds: slowestImport.importMs! / report.emptyHttp.importMs <= BUNDLE_TARGETS.maxInitRatio },
      ]
    : []),
  ...(synth ? [{ figure: '`npx cdk synth` of the whole app', value: `${synth.seconds.toFixed(0)} s (load average ${synth.load.map((l) => l.toFixed(1)).join(', ')})`, target: `≤ ${BUNDLE_TARGETS.maxSynthSeconds} s`, holds: synth.seconds <= BUNDLE_TARGETS.maxSynthSeconds }] : []),
];
console.log('\n| figure | this run | target | holds |\n|---|---|---|---|');
for (const row of figures) console.log(`| ${row.figure} | ${row.value} | ${row.target} | ${row.holds ? 'yes' : 'no'} |`);
console.log();

mkdirSync(join(root, 'bench/out'), { recursive: true });
writeFileSync(
  join(root, 'bench/out/bundles.json'),
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, figures, baselines: { bare: report.bare, emptyHttp: report.emptyHttp }, bundles: report.bundles.map(({ sources, ...bundle }) => ({ ...bundle, areas: holdsWholeApi({ sources } as BundleSize) ? ['all'] : areasIn({ sources } as BundleSize) })) }, null, 2)}\n`,
);

/** Wall time of `npx cdk synth --quiet` into a throw-away folder, offline, with the load average around it (the machine may be shared). */
async function timeSynth(): Promise<{ seconds: number; load: number[] }> {
  const output = mkdtempSync(join(tmpdir(), 'rapport-bench-synth-'));
  const started = performance.now();
  try {
    await new Promise<void>((done, fail) => {
      const child = spawn('npx', ['cdk', 'synth', '--quiet', '--no-notices', '--output', output], {
        cwd: root,
        env: { ...process.env, AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_PROFILE: '', CDK_DOCKER: 'docker-is-not-used' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let err = '';
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
      child.on('close', (code) => (code === 0 ? done() : fail(new Error(`cdk synth failed (${code}): ${err}`))));
    });
    return { seconds: (performance.now() - started) / 1000, load: loadavg() };
  } finally {
    rmSync(output, { recursive: true, force: true });
  }
}
