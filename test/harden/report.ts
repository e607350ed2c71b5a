import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HARDEN_DIR, readSections, type HardenSection } from './sections';

/**
 * `npm run harden:report`: prints every section the hardening suites left in `.harden/` (the fuzz
 * run's inputs and statuses per operation, and any later suite's), and writes them together to
 * `.harden/report.json`. Run a suite first (`npm run fuzz`, or the short form in `npm test`).
 */
function table(columns: string[], rows: (string | number)[][]): string {
  const widths = columns.map((column, index) => Math.max(column.length, ...rows.map((row) => String(row[index] ?? '').length)));
  const line = (cells: (string | number)[]) => cells.map((cell, index) => (typeof cell === 'number' ? String(cell).padStart(widths[index]!) : String(cell).padEnd(widths[index]!))).join('  ');
  return [line(columns), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

function print(section: HardenSection): string {
  const summary = Object.entries(section.summary).map(([name, value]) => `  ${name}: ${value}`);
  return [
    `## ${section.title} (${section.section})`,
    `generated ${section.generatedAt} by \`${section.command}\``,
    ...summary,
    ...(section.notes ?? []).map((note) => `  - ${note}`),
    ...(section.table ? ['', table(section.table.columns, section.table.rows)] : []),
  ].join('\n');
}

const sections = readSections();
if (sections.length === 0) {
  console.error(`No hardening results in ${HARDEN_DIR}: run \`npm run fuzz\` (or the fuzz test) first.`);
  process.exit(1);
}
console.log(['# Hardening report', ...sections.map(print)].join('\n\n'));
const file = join(HARDEN_DIR, 'report.json');
writeFileSync(file, `${JSON.stringify({ generatedAt: new Date().toISOString(), sections }, null, 2)}\n`);
console.log(`\nwritten to ${file}`);
