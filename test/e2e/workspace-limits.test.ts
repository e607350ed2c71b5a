import { BUILT_IN_ROLES, WORKSPACE_LIMITS } from '@rapport/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '../support/test-stack';

/**
 * The lists answered whole (not paged) stay small because what they list is bounded: the bound is
 * enforced with a clear 409 that writes nothing, and stated in the OpenAPI document as `maxItems`.
 */
const stack = useTestApi();
let owner: Awaited<ReturnType<typeof stack.api.newTenant>>;
beforeAll(async () => {
  owner = await stack.api.newTenant();
});

const post = (path: string, body: unknown) => stack.api.request('POST', path, { token: owner.token, body });
const count = async (path: string) => ((await stack.api.request('GET', path, { token: owner.token })).body as { items: unknown[] }).items.length;

/** Creates `total` of a kind, ten at a time. */
async function createMany(total: number, create: (index: number) => ReturnType<typeof post>) {
  for (let start = 0; start < total; start += 10) {
    const answers = await Promise.all(Array.from({ length: Math.min(10, total - start) }, (_, offset) => create(start + offset)));
    for (const answer of answers) expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  }
}

describe('workspace limits', () => {
  it.each([
    { kind: 'custom roles', path: '/v1/roles', limit: WORKSPACE_LIMITS.customRoles, body: (index: number) => ({ name: `Role ${index}`, permissions: ['contacts:read'] }), builtIn: Object.keys(BUILT_IN_ROLES).length },
    { kind: 'ingest keys', path: '/v1/ingest-keys', limit: WORKSPACE_LIMITS.ingestKeys, body: (index: number) => ({ name: `Site ${index}` }), builtIn: 0 },
  ])('refuses one more of the $limit $kind with a 409 naming the limit, writes nothing, and the document bounds the list', async ({ kind, path, limit, body, builtIn }) => {
    // Prepare
    await createMany(limit, (index) => post(path, body(index)));

    // Act
    const refused = await post(path, body(limit));

    // Assess
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: { code: 'LIMIT_REACHED', message: `A workspace can have at most ${limit} ${kind}: delete one first`, details: { limit } } });
    expect(await count(path)).toBe(builtIn + limit);
    const document = (await stack.api.request('GET', '/v1/openapi.json')).body as { paths: Record<string, { get: { responses: { 200: { content: Record<string, { schema: unknown }> } } } }> };
    expect(JSON.stringify(document.paths[path]!.get.responses[200].content['application/json']!.schema)).toContain(`"maxItems":${builtIn + limit}`);
    // One removed makes room for one more.
    const listed = ((await stack.api.request('GET', path, { token: owner.token })).body as { items: { id: string; builtIn?: boolean }[] }).items;
    const removable = listed.find((item) => !item.builtIn)!;
    expect((await stack.api.request('DELETE', `${path}/${removable.id}`, { token: owner.token })).status).toBe(204);
    expect((await post(path, body(limit))).status).toBe(201);
    expect((await post(path, body(limit + 1))).status).toBe(409);
  });
});
