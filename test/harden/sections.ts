import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Where the hardening suites leave their figures (git-ignored), one JSON file per section. */
export const HARDEN_DIR = resolve(import.meta.dirname, '../../.harden');

/**
 * One section of the hardening report: what a suite (fuzz, load, faults…) tried and what it held.
 * `summary` holds the figures a reader checks first (e.g. `serverErrors: 0`); `table` the detail.
 * A new suite adds a section by writing its own file; the report prints whatever sections it finds.
 */
export interface HardenSection {
  section: string;
  title: string;
  generatedAt: string;
  /** The command that produced it, so a reader can run it again. */
  command: string;
  summary: Record<string, number | string | boolean>;
  table?: { columns: string[]; rows: (string | number)[][] };
  notes?: string[];
}

export function writeSection(section: HardenSection): string {
  mkdirSync(HARDEN_DIR, { recursive: true });
  const file = join(HARDEN_DIR, `${section.section}.json`);
  writeFileSync(file, `${JSON.stringify(section, null, 2)}\n`);
  return file;
}

export function readSections(): HardenSection[] {
  let names: string[];
  try {
    names = readdirSync(HARDEN_DIR);
  } catch {
    return [];
  }
  return names
    .filter((name) => name.endsWith('.json') && name !== 'report.json')
    .sort()
    .map((name) => JSON.parse(readFileSync(join(HARDEN_DIR, name), 'utf8')) as HardenSection);
}
