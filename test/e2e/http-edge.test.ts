import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '../support/test-stack';

const stack = useTestApi();
let token: string;

beforeAll(async () => {
  ({ token } = await stack.api.newTenant());
});

const countContacts = async () => (await stack.api.request('GET', '/v1/contacts?limit=100', { token })).body.items.length;

describe('the HTTP edge', () => {
  it('answers malformed JSON with 400 without echoing the body', async () => {
    const response = await stack.api.request('POST', '/v1/contacts', {
      token,
      rawBody: '{"firstName": "secret-value",',
      headers: { 'content-type': 'application/json' },
    });

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('MALFORMED_JSON');
    expect(JSON.stringify(response.body)).not.toContain('secret-value');
  });

  it.each([
    ['text/plain', 'text/plain'],
    ['form data', 'application/x-www-form-urlencoded'],
    ['no content type', undefined],
  ])('answers a %s body with 415 and stores nothing', async (_case, contentType) => {
    const before = await countContacts();

    const response = await stack.api.request('POST', '/v1/contacts', {
      token,
      rawBody: JSON.stringify({ firstName: 'Typed' }),
      headers: contentType ? { 'content-type': contentType } : {},
    });

    expect(response.status).toBe(415);
    expect(response.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(await countContacts()).toBe(before);
  });

  it('accepts JSON with a charset', async () => {
    const response = await stack.api.request('POST', '/v1/contacts', {
      token,
      rawBody: JSON.stringify({ firstName: 'Charset' }),
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });

    expect(response.status).toBe(201);
  });

  it('answers an oversized body with 413 and stores nothing', async () => {
    const before = await countContacts();

    const response = await stack.api.request('POST', '/v1/contacts', { token, body: { firstName: 'Big', company: 'x'.repeat(300 * 1024) } });

    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await countContacts()).toBe(before);
  });

  it('answers a missing body with 400', async () => {
    const response = await stack.api.request('POST', '/v1/contacts', { token, rawBody: '', headers: { 'content-type': 'application/json' } });

    expect(response.status).toBe(400);
    expect(response.body.error.details.fields).toContainEqual({ field: 'body', message: 'is required' });
  });

  it('answers an unknown route with 404 in the API error shape', async () => {
    const response = await stack.api.request('GET', '/v1/does-not-exist');

    expect(response.status).toBe(404);
    expect(response.body.error).toMatchObject({ code: 'ROUTE_NOT_FOUND', requestId: expect.any(String) });
  });

  it('answers a wrong method with 405 and the methods that are allowed', async () => {
    const response = await stack.api.request('PUT', '/v1/contacts/01ARZ3NDEKTSV4RRFFQ69G5FAV', { token, body: { firstName: 'x' } });

    expect(response.status).toBe(405);
    expect(response.body.error.code).toBe('METHOD_NOT_ALLOWED');
    expect(response.headers.get('allow')?.split(', ').sort()).toEqual(['DELETE', 'GET', 'PATCH']);
  });

  it('checks the token before it reads the body', async () => {
    const response = await stack.api.request('POST', '/v1/contacts', { rawBody: '{oops', headers: { 'content-type': 'application/json' } });

    expect(response.status).toBe(401);
  });

  it('sends a request id and no-store, nosniff headers on every response', async () => {
    const response = await stack.api.request('GET', '/v1/me', { token });

    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
