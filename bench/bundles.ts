import { allHandlers } from '@rapport/http';
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { HANDLER_ESBUILD_OPTIONS } from '../infra/lib/api/bundling';

/** The targets of issue 12, checked by `npm run bench:bundles`. */
export const BUNDLE_TARGETS = { maxBytes: 250 * 1024, maxInitRatio: 2, maxSynthSeconds: 60 } as const;

export interface BundleSize {
  handler: string;
  bytes: number;
  gzipBytes: number;
  /** Median wall time of a fresh Node process importing the bundle (the function's cold init), when measured. */
  initMs?: number;
  /** Of which the `import()` itself: module evaluation, the runtime built at cold start. */
  importMs?: number;
  /** The modules of the repository in the bundle, for checking it holds only its area. */
  sources: string[];
}

export interface BundleReport {
  bundles: BundleSize[];
  /** The same measures of the two baselines: a handler with no dependency, and an HTTP handler on the shared chain that does nothing. */
  bare: { initMs: number; importMs: number; bytes: number };
  emptyHttp: { initMs: number; importMs: number; bytes: number };
}

const root = resolve(import.meta.dirname, '..');
/** Inside the repository, so the bundles' external `@aws-sdk/*` imports resolve from its node_modules. */
const outDir = join(root, 'node_modules', '.cache', 'rapport-bench-bundles');
const BASELINES = { bare: join(root, 'bench/fixtures/bare-handler.ts'), emptyHttp: join(root, 'bench/fixtures/empty-http-handler.ts') };

/**
 * What a function's cold start builds its runtime from in AWS (KMS, SES, S3, SQS, Scheduler are
 * configured, nothing is called): importing a bundle runs its module init exactly as Lambda does.
 */
const AWS_LIKE_ENVIRONMENT = {
  AWS_REGION: 'eu-west-1',
  TABLE_NAME: 'rapport-bench',
  USER_POOL_ID: 'eu-west-1_bench',
  USER_POOL_CLIENT_ID: 'bench',
  FIELD_KEY_ID: 'arn:aws:kms:eu-west-1:111111111111:key/bench',
  AUDIT_BUCKET: 'rapport-bench-audit',
  AUDIT_SIGNING_KEY_ID: 'arn:aws:kms:eu-west-1:111111111111:key/bench-signing',
  IMPORT_BUCKET: 'rapport-bench-imports',
  IMPORT_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/111111111111/imports',
  EXPORTS_BUCKET: 'rapport-bench-exports',
  INSIGHTS_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/111111111111/insights',
  REMINDER_SCHEDULE_GROUP: 'rapport-bench',
  REMINDER_TARGET_ARN: 'arn:aws:lambda:eu-west-1:111111111111:function:fire-reminder',
  REMINDER_ROLE_ARN: 'arn:aws:iam::111111111111:role/scheduler',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
  POWERTOOLS_METRICS_DISABLED: 'true',
};

/**
 * Bundles every API handler with the options the CDK app uses (`HANDLER_ESBUILD_OPTIONS`: minified,
 * the AWS SDK left to the Lambda runtime), in one esbuild run, and measures each bundle; with
 * `initRuns`, also its cold init: a fresh Node process importing it, `initRuns` times, the median.
 */
export async function measureBundles(functionsDir: string, options: { initRuns?: number } = {}): Promise<BundleSize[]> {
  return (await measureBundleReport(functionsDir, options)).bundles;
}

export async function measureBundleReport(functionsDir: string, { initRuns = 0 }: { initRuns?: number } = {}): Promise<BundleReport> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const handlers = allHandlers();
  const entries = { ...Object.fromEntries(handlers.map((handler) => [handler, join(functionsDir, `${handler}.ts`)])), ...BASELINES };
  const result = await build({
    ...HANDLER_ESBUILD_OPTIONS,
    entryPoints: entries,
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    metafile: true,
    logLevel: 'silent',
  });
  const outputOf = (name: string) => {
    const path = join(outDir, `${name}.mjs`);
    const output = result.metafile.outputs[Object.keys(result.metafile.outputs).find((key) => resolve(root, key) === path)!]!;
    const code = readFileSync(path);
    return { path, code, sources: Object.keys(output.inputs).filter((input) => !input.includes('node_modules')) };
  };
  const initOf = async (path: string) => (initRuns > 0 ? await coldInit(path, initRuns) : { initMs: Number.NaN, importMs: Number.NaN });

  const baseline = async (name: keyof typeof BASELINES) => {
    const { path, code } = outputOf(name);
    return { bytes: code.byteLength, ...(await initOf(path)) };
  };
  const bare = await baseline('bare');
  const emptyHttp = await baseline('emptyHttp');
  const bundles: BundleSize[] = [];
  for (const handler of handlers) {
    const { path, code, sources } = outputOf(handler);
    const init = initRuns > 0 ? await coldInit(path, initRuns) : undefined;
    bundles.push({ handler, bytes: code.byteLength, gzipBytes: gzipSync(code).byteLength, ...(init ?? {}), sources });
  }
  return { bundles, bare, emptyHttp };
}

/** Median, over `runs` fresh Node processes, of the process's wall time and of the bundle's `import()`. */
async function coldInit(path: string, runs: number): Promise<{ initMs: number; importMs: number }> {
  const samples: { initMs: number; importMs: number }[] = [];
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(path).href)}); console.log(performance.now() - t);`;
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const stdout = await new Promise<string>((done, fail) => {
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], { env: { PATH: process.env.PATH, ...AWS_LIKE_ENVIRONMENT } });
      let out = '';
      let err = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
      child.on('error', fail);
      child.on('close', (code) => (code === 0 ? done(out) : fail(new Error(`Importing ${path} failed (${code}): ${err}`))));
    });
    samples.push({ initMs: performance.now() - started, importMs: Number(stdout.trim()) });
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return { initMs: median(samples.map((sample) => sample.initMs)), importMs: median(samples.map((sample) => sample.importMs)) };
}
