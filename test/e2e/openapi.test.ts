import { buildOpenApiDocument, ROUTE_CONTRACTS, ROUTES, type RouteId } from '@rapport/http';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { checkResponse, ContractViolation } from '../support/contract-check';
import { useTestApi } from '../support/test-stack';

const stack = useTestApi();

describe('GET /v1/openapi.json', () => {
  it('serves the generated document to anyone, without a token', async () => {
    // Act
    const response = await stack.api.request('GET', '/v1/openapi.json');

    // Assess
    expect(response.status).toBe(200);
    expect(response.body).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument())));
  });

  it('is a valid OpenAPI 3.1 document, by a third-party validator', async () => {
    // Prepare
    const validator = new Validator();

    // Act
    const result = await validator.validate((await stack.api.request('GET', '/v1/openapi.json')).body);

    // Assess
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('documents every route of the route table with its method, security and statuses', () => {
    // Act
    const document = buildOpenApiDocument();

    // Assess
    for (const [id, route] of Object.entries(ROUTES) as [RouteId, (typeof ROUTES)[RouteId]][]) {
      const operation = document.paths[route.path]?.[route.method.toLowerCase()];
      expect(operation, id).toBeDefined();
      expect(operation!.operationId).toBe(id);
      const security = route.authorization === 'public' ? [] : route.authorization === 'ingest-key' ? [{ ingestKey: [] }] : [{ bearerAuth: [] }];
      expect(operation!.security, id).toEqual(security);
      for (const status of Object.keys(ROUTE_CONTRACTS[id].responses)) expect(operation!.responses[status], `${id} ${status}`).toBeDefined();
      if (route.authorization !== 'public') expect(operation!.responses['401'], id).toBeDefined();
    }
  });

  it('describes request bodies, path and query parameters from the schemas the handlers validate with', () => {
    // Act
    const document = buildOpenApiDocument();

    // Assess
    const list = document.paths['/v1/contacts']!.get! as Record<string, any>;
    expect(list.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'limit', in: 'query', required: false, schema: expect.objectContaining({ type: 'integer', minimum: 1, maximum: 100, default: 25 }) }),
        expect.objectContaining({ name: 'email', in: 'query', required: false }),
        expect.objectContaining({ name: 'lifecycleStage', in: 'query', required: false, schema: expect.objectContaining({ enum: ['lead', 'prospect', 'customer', 'churned'] }) }),
        expect.objectContaining({ name: 'tag', in: 'query', required: false, schema: expect.objectContaining({ maxLength: 50 }) }),
      ]),
    );
    const get = document.paths['/v1/contacts/{id}']!.get! as Record<string, any>;
    expect(get.parameters).toEqual([expect.objectContaining({ name: 'id', in: 'path', required: true })]);
    const create = document.paths['/v1/contacts']!.post! as Record<string, any>;
    const body = create.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(['firstName']);
    expect(body.additionalProperties).toBe(false);
  });
});

describe('the contract check of the e2e client', () => {
  const contact = { id: '01J0000000000000000000000A', firstName: 'Ann', ownerId: 'u', completeness: 10, version: 1, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
  const url = `http://localhost/v1/contacts/${contact.id}`;
  /** What every answer of a counted route carries (the rate limits, docs/api.md). */
  const RATE_LIMIT_HEADERS = { 'ratelimit-limit': '50', 'ratelimit-remaining': '49', 'ratelimit-reset': '1', 'ratelimit-policy': '50;w=1, 1500;w=60' };
  const headersOf = (contentType: string, more: Record<string, string> = { etag: '"1"' }) => new Headers({ 'content-type': contentType, 'x-request-id': 'r', ...RATE_LIMIT_HEADERS, ...more });

  it('accepts a documented status with a body that fits', () => {
    expect(() => checkResponse('GET', url, 200, headersOf('application/json; charset=utf-8'), contact)).not.toThrow();
  });

  it('refuses an undocumented status', () => {
    expect(() => checkResponse('GET', url, 418, headersOf('application/json'), contact)).toThrow(ContractViolation);
  });

  it('refuses an undocumented field, a missing one, and a wrong type', () => {
    expect(() => checkResponse('GET', url, 200, headersOf('application/json'), { ...contact, secret: 'x' })).toThrow(/secret/);
    const { ownerId: _owner, ...withoutOwner } = contact;
    expect(() => checkResponse('GET', url, 200, headersOf('application/json'), withoutOwner)).toThrow(/ownerId/);
    expect(() => checkResponse('GET', url, 200, headersOf('application/json'), { ...contact, version: '1' })).toThrow(ContractViolation);
  });

  it('refuses an answer without a documented header', () => {
    expect(() => checkResponse('GET', url, 200, headersOf('application/json', {}), contact)).toThrow(/header etag is missing/);
    expect(() => checkResponse('GET', url, 200, new Headers({ 'content-type': 'application/json', etag: '"1"', ...RATE_LIMIT_HEADERS }), contact)).toThrow(/x-request-id/);
  });

  it('refuses an error that is not in the error shape', () => {
    expect(() => checkResponse('GET', url, 404, headersOf('application/json'), { message: 'not found' })).toThrow(ContractViolation);
    expect(() => checkResponse('GET', url, 404, headersOf('application/json'), { error: { code: 'NOT_FOUND', message: 'No', requestId: 'r' } })).not.toThrow();
  });

  it('refuses a body on a route documented without one', () => {
    expect(() => checkResponse('DELETE', url, 204, headersOf('application/json'), { deleted: true })).toThrow(ContractViolation);
  });
});
