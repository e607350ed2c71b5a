import { allHandlers } from '@rapport/http';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The architecture's rules, checked on the source itself, so a change that breaks one fails the
 * build rather than waiting for a reviewer to notice.
 */
const root = resolve(import.meta.dirname, '../..');

function sourceFiles(folder: string): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules') walk(path);
      else if (entry.name.endsWith('.ts')) files.push(path);
    }
  };
  walk(join(root, folder));
  return files;
}

const shipped = (folder: string) => sourceFiles(folder).filter((file) => !file.endsWith('.test.ts'));
const importsOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(/from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((match) => match[1] ?? match[2]!);

describe('architecture', () => {
  it('keeps the domain free of AWS, Lambda, middy and Powertools', () => {
    const forbidden = /^(@aws-sdk\/|aws-lambda|@middy\/|@aws-lambda-powertools\/|aws-jwt-verify|@rapport\/(data|identity|http|local))/;
    const offenders = shipped('packages/domain').flatMap((file) =>
      importsOf(file).filter((name) => forbidden.test(name)).map((name) => `${relative(root, file)} imports ${name}`),
    );

    expect(offenders).toEqual([]);
  });

  it('uses other packages only through their index (no deep imports, no relative paths across packages)', () => {
    const offenders = [...sourceFiles('packages'), ...sourceFiles('functions'), ...sourceFiles('infra'), ...sourceFiles('test')].flatMap((file) =>
      importsOf(file)
        .filter((name) => /^@rapport\/[^/]+\/.+/.test(name) || /(\.\.\/)+packages\//.test(name))
        .map((name) => `${relative(root, file)} imports ${name}`),
    );

    expect(offenders).toEqual([]);
  });

  it('builds table keys only in packages/data/src/keys.ts', () => {
    const offenders = [...shipped('packages'), ...shipped('functions')]
      .filter((file) => !file.endsWith(join('packages', 'data', 'src', 'keys.ts')))
      .filter((file) => /['"`](TENANT|SUB)#/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(root, file));

    expect(offenders).toEqual([]);
  });

  it('never scans the table on a request path', () => {
    const offenders = [...shipped('packages'), ...shipped('functions')]
      .filter((file) => /\bScan(Command)?\b/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(root, file));

    expect(offenders).toEqual([]);
  });

  it('has a Lambda handler module exporting `handler` for every route', () => {
    for (const handler of allHandlers()) {
      const file = join(root, 'functions', `${handler}.ts`);
      expect(existsSync(file), `${handler}.ts exists`).toBe(true);
      expect(readFileSync(file, 'utf8')).toMatch(/export const handler\b/);
    }
  });
});
