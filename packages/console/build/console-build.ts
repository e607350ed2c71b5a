import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/** The console package's folder, and where its build goes. */
export const CONSOLE_ROOT = resolve(import.meta.dirname, '..');
export const CONSOLE_DIST = join(CONSOLE_ROOT, 'dist');
const FINGERPRINT_FILE = join(CONSOLE_DIST, '.source-fingerprint');
/** What the build reads: the console's source and config, the domain it imports schemas from, the audit archive's key layout, the demo it loads. */
const SOURCES = [
  join(CONSOLE_ROOT, 'src'),
  join(CONSOLE_ROOT, 'index.html'),
  join(CONSOLE_ROOT, 'vite.config.ts'),
  join(CONSOLE_ROOT, 'package.json'),
  resolve(CONSOLE_ROOT, '../domain/src'),
  resolve(CONSOLE_ROOT, '../audit/src'),
  resolve(CONSOLE_ROOT, '../demo/src'),
];

function filesUnder(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(join(path, entry.name)) : [join(path, entry.name)]));
}

/** A hash of every file the build reads, so a build is redone exactly when one of them changed. */
export function sourceFingerprint(): string {
  const hash = createHash('sha256');
  for (const file of SOURCES.flatMap(filesUnder)) hash.update(relative(CONSOLE_ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

/**
 * Builds the console into `dist/` when the build is missing or older than its sources (a few
 * seconds), so `npm start` serves the current console with no build step for the person to run.
 */
export async function ensureConsoleBuilt(options: { log?: (line: string) => void } = {}): Promise<{ dir: string; built: boolean }> {
  const fingerprint = sourceFingerprint();
  const current = existsSync(FINGERPRINT_FILE) && readFileSync(FINGERPRINT_FILE, 'utf8') === fingerprint && existsSync(join(CONSOLE_DIST, 'index.html'));
  if (current) return { dir: CONSOLE_DIST, built: false };
  options.log?.('Building the web console (only when its source changed)…');
  const { build } = await import('vite');
  await build({ configFile: join(CONSOLE_ROOT, 'vite.config.ts'), logLevel: 'warn' });
  writeFileSync(FINGERPRINT_FILE, fingerprint);
  return { dir: CONSOLE_DIST, built: true };
}
