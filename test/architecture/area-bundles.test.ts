import * as http from '@rapport/http';
import { build } from 'esbuild';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HANDLER_ESBUILD_OPTIONS } from '../../infra/lib/api/bundling';

/**
 * A handler's bundle holds its own area only: its routes, its contracts and the clients its area's
 * runtime creates, never the whole route table, the OpenAPI document builder or another area's
 * runtime. Checked on the source (every handler) and on real bundles (one handler per area).
 */
const root = resolve(import.meta.dirname, '../..');
const { ROUTES, FALLBACK_HANDLER } = http;

/** Each route's area: the `<area>Endpoints` export of `@rapport/http` that holds it. */
const endpointsOf = new Map<string, string>(
  Object.entries(http)
    .filter(([name]) => name.endsWith('Endpoints'))
    .flatMap(([name, endpoints]) => Object.keys(endpoints as object).map((id) => [id, name] as const)),
);
/**
 * The handler that serves the whole API by design: the not-found answer matches every route. The
 * OpenAPI document is generated at build time, so its handler holds its own area only.
 */
const WHOLE_API = new Set([FALLBACK_HANDLER]);
/** A handler's bundle, minified with `@aws-sdk/*` external, at most (issue 12). */
const BUNDLE_BUDGET_KIB = 250;
/**
 * Areas whose handlers are still over the budget, each capped at its largest handler's size when
 * measured (`npm run bench:bundles`), so they can only shrink: lower a cap as an area shrinks,
 * remove it once the area is within the budget. A new area gets no cap. The rate limits, which
 * every handler counts requests for, added ~3.5 KiB to each (tickets and webhooks were just under).
 */
const OVER_BUDGET_KIB: Readonly<Record<string, number>> = { contacts: 344, customers: 349, imports: 365, companies: 305, tickets: 253, webhooks: 251 };
/** Contracts one area's answers embed from another's: the 360 view holds the contact, its deals and scores; a company's custom fields are typed as a contact's. */
const EMBEDDED_CONTRACTS: Readonly<Record<string, string[]>> = { customers: ['contacts', 'sales', 'insights'], companies: ['contacts'] };

describe('a bundle per area', () => {
  it('builds every handler from its own area: its endpoint and its area runtime', () => {
    const offenders: string[] = [];
    for (const [id, route] of Object.entries(ROUTES)) {
      const source = readFileSync(join(root, 'functions', `${route.handler}.ts`), 'utf8');
      const folder = route.handler.split('/')[0]!;
      if (!source.includes(`${endpointsOf.get(id)}.${id}`)) offenders.push(`${route.handler} is not built from ${endpointsOf.get(id)}.${id}`);
      const runtimes = [...source.matchAll(/from '\.\.\/shared\/runtime\/([a-z-]+)'/g)].map((match) => match[1]);
      const allowed = folder === 'me' || folder === 'system' ? 'common' : folder;
      if (runtimes.length !== 1 || runtimes[0] !== allowed) offenders.push(`${route.handler} uses the runtime(s) ${runtimes.join(', ') || 'none'}, not ${allowed}`);
    }

    expect(offenders).toEqual([]);
  });

  it('bundles one handler of each area with its own area only, within the size budget', async () => {
    // Prepare: the first handler of each folder, the OpenAPI document's, and the one that serves the whole API.
    const sample = new Map<string, string>();
    for (const route of Object.values(ROUTES)) if (!sample.has(route.handler.split('/')[0]!)) sample.set(route.handler.split('/')[0]!, route.handler);
    const handlers = [...new Set([...sample.values(), 'system/get-openapi', ...WHOLE_API])];

    // Act
    const result = await build({
      ...HANDLER_ESBUILD_OPTIONS,
      entryPoints: Object.fromEntries(handlers.map((handler) => [handler, join(root, 'functions', `${handler}.ts`)])),
      outdir: join(root, 'node_modules/.cache/area-bundles-test'),
      write: false,
      metafile: true,
      logLevel: 'silent',
    });

    // Assess
    const offenders: string[] = [];
    for (const [output, { entryPoint, inputs, bytes }] of Object.entries(result.metafile.outputs)) {
      if (!entryPoint || !output.endsWith('.js')) continue;
      const handler = entryPoint.replace(/^functions\//, '').replace(/\.ts$/, '');
      const budgetKib = OVER_BUDGET_KIB[handler.split('/')[0]!] ?? BUNDLE_BUDGET_KIB;
      if (bytes > budgetKib * 1024) offenders.push(`${handler} is ${(bytes / 1024).toFixed(0)} KiB, over ${budgetKib} KiB`);
      const sources = Object.keys(inputs).filter((input) => !input.includes('node_modules'));
      const wholeApi = sources.filter((source) => /packages\/http\/src\/(routes|openapi\/document|openapi\/route-contracts)\.ts$/.test(source));
      if (WHOLE_API.has(handler)) {
        if (wholeApi.length === 0) offenders.push(`${handler} does not hold the route table`);
        continue;
      }
      const folder = handler.split('/')[0]!;
      const ownArea = (file: string) => file.replace(/\.ts$/, '');
      const routeAreas = sources.flatMap((source) => /packages\/http\/src\/routes\/([a-z-]+\.ts)$/.exec(source)?.[1] ?? []).map(ownArea).filter((area) => area !== 'route-definition');
      const contractAreas = sources.flatMap((source) => /packages\/http\/src\/openapi\/contracts\/([a-z-]+\.ts)$/.exec(source)?.[1] ?? []).map(ownArea);
      const runtimes = sources.flatMap((source) => /functions\/shared\/runtime\/([a-z-]+)\.ts$/.exec(source)?.[1] ?? []);
      const own = routeAreas[0];
      if (wholeApi.length > 0) offenders.push(`${handler} holds ${wholeApi.join(', ')}`);
      if (routeAreas.length !== 1) offenders.push(`${handler} holds the routes of ${routeAreas.join(', ')}`);
      const foreignContracts = contractAreas.filter((area) => area !== own && !(EMBEDDED_CONTRACTS[folder] ?? []).includes(area));
      if (foreignContracts.length > 0) offenders.push(`${handler} holds the contracts of ${foreignContracts.join(', ')}`);
      const foreignRuntimes = runtimes.filter((name) => !['common', 'keyring', 'mailer', 's3', folder].includes(name));
      if (foreignRuntimes.length > 0) offenders.push(`${handler} holds the runtime of ${foreignRuntimes.join(', ')}`);
    }

    expect(offenders).toEqual([]);
  }, 60_000);

  it('imports zod as a namespace in every module a handler can reach', () => {
    // A named `import { z } from 'zod'` makes esbuild keep the whole of zod (every locale, the JSON
    // Schema reader): it took audit/verify-audit from 256 to 603 KiB.
    const offenders = ['packages', 'functions']
      .flatMap((folder) => readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' }).map((file) => join(folder, file)))
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.includes('node_modules') && !file.startsWith('packages/console/'))
      .filter((file) => /import\s*\{[^}]*\}\s*from\s*'zod(\/v4)?'/.test(readFileSync(join(root, file), 'utf8').replace(/import\s+type\s*\{[^}]*\}/g, '')));

    expect(offenders).toEqual([]);
  });
});
