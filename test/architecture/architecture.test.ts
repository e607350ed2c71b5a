import { allHandlers } from '@rapport/http';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
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
      else if (/\.tsx?$/.test(entry.name)) files.push(path);
    }
  };
  walk(join(root, folder));
  return files;
}

const shipped = (folder: string) => sourceFiles(folder).filter((file) => !/\.test\.tsx?$/.test(file));
const importsOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(/from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((match) => match[1] ?? match[2]!);

describe('architecture', () => {
  it('keeps the domain free of AWS, Lambda, middy and Powertools', () => {
    const forbidden = /^(@aws-sdk\/|aws-lambda|@middy\/|@aws-lambda-powertools\/|aws-jwt-verify|@rapport\/(data|identity|http|local))/;
    const offenders = shipped('packages/domain').flatMap((file) =>
      importsOf(file).filter((name) => forbidden.test(name)).map((name) => `${relative(root, file)} imports ${name}`),
    );

    expect(offenders).toEqual([]);
  });

  it('uses other packages only through their declared entry points (no deep imports, no relative paths across packages)', () => {
    // A subpath is an entry point only when the package's `exports` declares it (as the domain's
    // `./browser` entry is), in the way Powertools reaches an adapter through its own subpath.
    const declared = (name: string) => {
      const [, pkg, subpath] = /^@rapport\/([^/]+)\/(.+)$/.exec(name) ?? [];
      const manifest = join(root, 'packages', pkg ?? '', 'package.json');
      return existsSync(manifest) && Object.hasOwn((JSON.parse(readFileSync(manifest, 'utf8')) as { exports: object }).exports, `./${subpath}`);
    };
    const offenders = [...sourceFiles('packages'), ...sourceFiles('functions'), ...sourceFiles('infra'), ...sourceFiles('test')].flatMap((file) =>
      importsOf(file)
        .filter((name) => (/^@rapport\/[^/]+\/.+/.test(name) && !declared(name)) || /(\.\.\/)+packages\//.test(name))
        .map((name) => `${relative(root, file)} imports ${name}`),
    );

    expect(offenders).toEqual([]);
  });

  /** Every file a browser entry reaches, failing on an import that is neither relative nor allowed. */
  const reachedFrom = (entry: string, allowed: readonly string[]) => {
    const reached = new Set<string>();
    const visit = (file: string) => {
      if (reached.has(file)) return;
      reached.add(file);
      for (const name of importsOf(file)) {
        if (name.startsWith('.')) visit(resolve(dirname(file), `${name}.ts`));
        else if (!allowed.includes(name)) throw new Error(`${relative(root, file)} imports ${name}, which a browser cannot load`);
      }
    };
    visit(join(root, entry));
    return reached;
  };

  it("keeps the domain's browser entry free of Node built-ins and of anything but zod", () => {
    expect(reachedFrom('packages/domain/src/browser.ts', ['zod']).size).toBeGreaterThan(1);
  });

  it("keeps the audit package's browser entry (the console names verify's problems with it) free of Node built-ins and of any package", () => {
    expect(reachedFrom('packages/audit/src/browser.ts', []).size).toBeGreaterThan(1);
  });

  it("keeps the demo's browser entry (the console loads a demo with it) free of Node built-ins and of any other package", () => {
    expect(reachedFrom('packages/demo/src/browser.ts', []).size).toBeGreaterThan(1);
  });

  it('builds table keys only in packages/data/src/keys.ts', () => {
    const offenders = [...shipped('packages'), ...shipped('functions')]
      .filter((file) => !file.endsWith(join('packages', 'data', 'src', 'keys.ts')))
      .filter((file) => /['"`](TENANT|SUB)#/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(root, file));

    expect(offenders).toEqual([]);
  });

  it('never scans the table on a request path', () => {
    // The one scan is the operator's restore of a workspace (`@rapport/data/restore`), which no
    // handler or other package may import: it reads whole tables.
    const restore = join('packages', 'data', 'src', 'tenant-restore.ts');
    const offenders = [...shipped('packages'), ...shipped('functions')]
      .filter((file) => !file.endsWith(restore))
      .filter((file) => /\bScan(Command)?\b/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(root, file));
    const restoreImporters = [...shipped('packages'), ...shipped('functions')]
      .filter((file) => !file.includes(join('packages', 'data', 'src', 'cli')))
      .filter((file) => importsOf(file).some((name) => name === '@rapport/data/restore' || name.endsWith('/tenant-restore')))
      .map((file) => relative(root, file));

    expect(offenders).toEqual([]);
    expect(restoreImporters).toEqual([]);
  });

  it('has a Lambda handler module exporting `handler` for every route', () => {
    for (const handler of allHandlers()) {
      const file = join(root, 'functions', `${handler}.ts`);
      expect(existsSync(file), `${handler}.ts exists`).toBe(true);
      expect(readFileSync(file, 'utf8')).toMatch(/export const handler\b/);
    }
  });
});
