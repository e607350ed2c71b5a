import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The budget for the JavaScript a first visit loads before any screen's own chunk. */
export const SHELL_BUDGET_BYTES = 200 * 1024;

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
}

export interface ShellSize {
  /** Each file loaded on first visit, with its gzipped size. */
  files: { file: string; gzipBytes: number }[];
  totalGzipBytes: number;
  withinBudget: boolean;
}

/**
 * What a first visit downloads: the entry chunk and every chunk it imports statically (dynamic
 * imports, the screens, are loaded on demand and not counted), gzipped, from Vite's manifest.
 */
export function shellSize(distDir: string): ShellSize {
  const manifest = JSON.parse(readFileSync(join(distDir, '.vite/manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const imported of manifest[key]?.imports ?? []) visit(imported);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
  const files = [...seen].map((key) => {
    const file = manifest[key]!.file;
    return { file, gzipBytes: gzipSync(readFileSync(join(distDir, file)), { level: 9 }).length };
  });
  const totalGzipBytes = files.reduce((sum, file) => sum + file.gzipBytes, 0);
  return { files, totalGzipBytes, withinBudget: totalGzipBytes <= SHELL_BUDGET_BYTES };
}

export function formatShellSize(size: ShellSize): string {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  return [
    'Console shell (first load, gzipped):',
    ...size.files.map((file) => `  ${kb(file.gzipBytes).padStart(9)}  ${file.file}`),
    `  ${kb(size.totalGzipBytes).padStart(9)}  total, budget ${kb(SHELL_BUDGET_BYTES)}${size.withinBudget ? '' : '  OVER BUDGET'}`,
  ].join('\n');
}
