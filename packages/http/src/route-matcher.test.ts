import { describe, expect, it } from 'vitest';
import { matchRoute } from './route-matcher';
import { ROUTES } from './routes';

describe('matchRoute', () => {
  it('finds every route in the table by its own method and path', () => {
    for (const [id, route] of Object.entries(ROUTES)) {
      const path = route.path.replace('{id}', '01ARZ3NDEKTSV4RRFFQ69G5FAV');

      const match = matchRoute(route.method, path);

      expect(match).toMatchObject({ kind: 'route', id });
    }
  });

  it('extracts and decodes path parameters', () => {
    expect(matchRoute('GET', '/v1/contacts/a%20b')).toMatchObject({ pathParameters: { id: 'a b' } });
  });

  it('tells an unknown path from a known path with another method', () => {
    expect(matchRoute('GET', '/v1/unknown')).toEqual({ kind: 'not-found' });
    expect(matchRoute('PUT', '/v1/contacts')).toEqual({ kind: 'method-not-allowed', allow: ['POST', 'GET'] });
  });

  it('prefers a literal segment to a parameter, as API Gateway does', () => {
    expect(matchRoute('GET', '/v1/contacts/export')).toMatchObject({ kind: 'route', id: 'exportContacts' });
    expect(matchRoute('PATCH', '/v1/contacts/export')).toEqual({ kind: 'method-not-allowed', allow: ['GET'] });
    expect(matchRoute('PATCH', '/v1/contacts/01ARZ3NDEKTSV4RRFFQ69G5FAV')).toMatchObject({ kind: 'route', id: 'updateContact' });
  });

  it('treats a malformed percent-escape as not found rather than failing', () => {
    expect(matchRoute('GET', '/v1/contacts/%E0%A4%A')).toEqual({ kind: 'not-found' });
  });

  it('prefers a literal segment over a parameter, as API Gateway does', () => {
    expect(matchRoute('GET', '/v1/contacts/completeness')).toMatchObject({ kind: 'route', id: 'contactCompleteness' });
    expect(matchRoute('GET', '/v1/contacts/01ARZ3NDEKTSV4RRFFQ69G5FAV')).toMatchObject({ kind: 'route', id: 'getContact' });
  });

  it('does not let a parameter span segments', () => {
    expect(matchRoute('GET', '/v1/contacts/a/b')).toEqual({ kind: 'not-found' });
  });
});
