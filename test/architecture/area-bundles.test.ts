import { phoneSchema } from '@rapport/domain';
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
 * remove it once the area is within the budget. A new area gets no cap. Measured 2026-12-06 with the rate limiter
 * (~3.5 KiB in every handler) in; webhooks was just under before it.
 */
const OVER_BUDGET_KIB: Readonly<Record<string, number>> = { contacts: 323, customers: 271, imports: 266, companies: 307, webhooks: 252 };
/**
 * What a handler of an idempotent route carries on top (`idempotent: true`, issue 14): Powertools'
 * idempotency utility with its JMESPath engine (~22 KiB of the ~37), its commons, our persistence
 * layer and runner; measured at 40.5 KiB on 2026-12-06 (Powertools 2.35.0). Kept apart from the caps
 * so that every other handler keeps its budget, and so the cost stays visible: lower it if
 * Powertools slims down, remove it if the idempotency runner is replaced by a lighter one.
 */
const IDEMPOTENT_ROUTE_KIB = 41;
const IDEMPOTENT_HANDLERS = new Set<string>((Object.values(ROUTES) as http.RouteDefinition[]).filter((route) => route.idempotent).map((route) => route.handler));
/** Contracts one area's answers embed from another's: the 360 view holds the contact, its deals and scores; a company's custom fields are typed as a contact's. */
const EMBEDDED_CONTRACTS: Readonly<Record<string, string[]>> = { customers: ['contacts', 'sales', 'insights'], companies: ['contacts'] };

/** Whether a zod schema has a phone field anywhere in it (the schema's `_zod.def` tree). */
function takesPhone(schema: unknown, seen = new Set<unknown>()): boolean {
  if (schema === phoneSchema) return true;
  if (typeof schema !== 'object' || schema === null || seen.has(schema)) return false;
  seen.add(schema);
  const children = '_zod' in schema ? Object.values((schema as { _zod: { def: object } })._zod.def) : Object.values(schema);
  return children.some((child) => (Array.isArray(child) ? child.some((item) => takesPhone(item, seen)) : takesPhone(child, seen)));
}
/** Sets the phone parser (libphonenumber-js and its metadata, ~70 KiB) for the phone fields of its schemas. */
const SETS_PHONE_PARSER = /^usePhoneParser\(normalisePhone\);$/m;
/** A handler that validates phones with no contract saying so: the import worker validates each row with the contact's or the company's schema. */
const PHONES_WITHOUT_CONTRACT = ['imports/process-import-chunk'];

describe('a bundle per area', () => {
  it('sets the phone parser in the handlers that take a phone, and only there', () => {
    const handlers = new Map<string, boolean>(PHONES_WITHOUT_CONTRACT.map((handler) => [handler, true]));
    for (const [id, route] of Object.entries(ROUTES)) {
      const { body, query, params } = (http[endpointsOf.get(id) as keyof typeof http] as unknown as Record<string, http.Endpoint>)[id]!.contract.request;
      handlers.set(route.handler, (handlers.get(route.handler) ?? false) || [body, query, params].some((schema) => takesPhone(schema)));
    }
    const offenders = [...handlers].flatMap(([handler, takes]) => {
      const sets = SETS_PHONE_PARSER.test(readFileSync(join(root, 'functions', `${handler}.ts`), 'utf8'));
      if (takes && !sets) return [`${handler} takes a phone but does not set the phone parser`];
      if (!takes && sets) return [`${handler} sets the phone parser but takes no phone`];
      return [];
    });

    expect(takesPhone(http.contactEndpoints.createContact.contract.request.body)).toBe(true);
    expect(offenders).toEqual([]);
  });

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
      const budgetKib = (OVER_BUDGET_KIB[handler.split('/')[0]!] ?? BUNDLE_BUDGET_KIB) + (IDEMPOTENT_HANDLERS.has(handler) ? IDEMPOTENT_ROUTE_KIB : 0);
      if (bytes > budgetKib * 1024) offenders.push(`${handler} is ${(bytes / 1024).toFixed(0)} KiB, over ${budgetKib} KiB`);
      const sources = Object.keys(inputs).filter((input) => !input.includes('node_modules'));
      const holdsPhoneParser = Object.keys(inputs).some((input) => input.includes('node_modules/libphonenumber-js/'));
      if (holdsPhoneParser !== SETS_PHONE_PARSER.test(readFileSync(join(root, entryPoint), 'utf8'))) {
        offenders.push(`${handler} ${holdsPhoneParser ? 'holds' : 'does not hold'} the phone parser, but ${holdsPhoneParser ? 'does not set' : 'sets'} it`);
      }
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
