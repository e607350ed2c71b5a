import { buildSync } from 'esbuild';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { FUNCTIONS_DIR, REPO_ROOT } from '../paths';
import { HANDLER_ESBUILD_OPTIONS } from './bundling';

/** A Lambda entry is a module under `functions/` that exports `handler`. */
const EXPORTS_HANDLER = /^export const handler\b/m;

/** Every handler module under `functions/`, by name (`contacts/create-contact`). */
export function handlerModules(functionsDir: string = FUNCTIONS_DIR): string[] {
  return readdirSync(functionsDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    .filter((file) => EXPORTS_HANDLER.test(readFileSync(join(functionsDir, file), 'utf8')))
    .map((file) => file.replace(/\\/g, '/').replace(/\.ts$/, ''))
    .sort();
}

let bundles: { dir: string; handlers: Set<string> } | undefined;

/**
 * The directory holding one handler's bundle (`index.mjs` and its source map), for
 * `Code.fromAsset`. Every handler of the app is bundled at the first call, in one esbuild run:
 * esbuild parses each shared module once for all of them, where a NodejsFunction per handler ran
 * esbuild ~130 times over the same sources. The directory is this process's and is removed when it exits.
 */
export function handlerBundleDir(handler: string): string {
  if (!bundles) {
    const dir = mkdtempSync(join(tmpdir(), 'rapport-handlers-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    const handlers = handlerModules();
    buildSync({
      ...HANDLER_ESBUILD_OPTIONS,
      entryPoints: Object.fromEntries(handlers.map((name) => [`${name}/index`, join(FUNCTIONS_DIR, `${name}.ts`)])),
      outdir: dir,
      outExtension: { '.js': '.mjs' },
      absWorkingDir: REPO_ROOT,
      // Stack traces point at the TypeScript (NODE_OPTIONS=--enable-source-maps); mappings suffice, so the sources stay out.
      sourcemap: true,
      sourcesContent: false,
      logLevel: 'warning',
    });
    bundles = { dir, handlers: new Set(handlers) };
  }
  if (!bundles.handlers.has(handler)) {
    throw new Error(`No handler module functions/${handler}.ts exporting \`handler\` (found under ${relative(REPO_ROOT, FUNCTIONS_DIR)}/)`);
  }
  return join(bundles.dir, handler);
}

/** Where a function's code is when the stack is not bundled (`aws:cdk:bundling-stacks` excludes it): a placeholder, as CDK's own bundling uses. */
export function placeholderBundleDir(): string {
  const dir = join(tmpdir(), 'rapport-handler-placeholder');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.mjs'), '// not bundled: this stack was synthesized without bundling\n');
  return dir;
}
