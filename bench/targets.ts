/**
 * The throughput targets of issue 12, each figure judged against its target: printed as a
 * Markdown table and written as JSON (git-ignored), so a run says at a glance what holds.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname } from 'node:path';

export type Comparison = 'atLeast' | 'atMost';

export interface Figure {
  /** Stable key for the JSON. */
  id: string;
  figure: string;
  value: number;
  unit: string;
  target: number;
  comparison: Comparison;
  /** Also required besides the comparison (e.g. "no errors"); false fails the figure. */
  alsoHolds?: boolean;
  /** How it was measured, when it matters to reading it (a shortened run, what failed). */
  note?: string;
}

export interface JudgedFigure extends Figure {
  pass: boolean;
}

export interface SkippedFigure {
  id: string;
  figure: string;
  skipped: string;
}

export function judge(figure: Figure): JudgedFigure {
  const holds = figure.comparison === 'atLeast' ? figure.value >= figure.target : figure.value <= figure.target;
  return { ...figure, pass: holds && figure.alsoHolds !== false };
}

const formatted = (value: number, unit: string) => {
  const digits = unit === '×' || unit === 'ratio' ? 2 : value >= 100 ? 0 : 1;
  return `${value.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits })}${unit === 'ratio' ? '' : ` ${unit}`}`.trim();
};

/** The targets as a Markdown table: figure, measured, target, PASS/FAIL (or why it was not measured). */
export function targetsTable(figures: readonly (JudgedFigure | SkippedFigure)[]): string {
  const lines = ['| figure | measured | target | holds |', '|---|---:|---:|---|'];
  for (const figure of figures) {
    if ('skipped' in figure) {
      lines.push(`| ${figure.figure} | — | — | not measured: ${figure.skipped} |`);
      continue;
    }
    const target = `${figure.comparison === 'atLeast' ? '≥' : '≤'} ${formatted(figure.target, figure.unit)}`;
    lines.push(`| ${figure.figure} | ${formatted(figure.value, figure.unit)} | ${target} | ${figure.pass ? 'PASS' : 'FAIL'}${figure.note ? ` (${figure.note})` : ''} |`);
  }
  return lines.join('\n');
}

/** Writes the run's figures and details as JSON, with the machine and the settings it ran with. */
export function writeResults(path: string, run: { startedAt: string; settings: Record<string, unknown>; figures: readonly (JudgedFigure | SkippedFigure)[]; details: Record<string, unknown> }): void {
  mkdirSync(dirname(path), { recursive: true });
  const machine = { platform: process.platform, arch: process.arch, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', node: process.version };
  const measured = run.figures.filter((figure): figure is JudgedFigure => 'pass' in figure);
  const summary = { measured: measured.length, passed: measured.filter((figure) => figure.pass).length, notMeasured: run.figures.length - measured.length };
  writeFileSync(path, `${JSON.stringify({ ...run, finishedAt: new Date().toISOString(), machine, summary }, null, 2)}\n`);
}
