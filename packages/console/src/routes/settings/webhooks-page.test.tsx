import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, renderScreen, signedIn } from '../../test/render';
import WebhooksPage from './webhooks-page';

const at = '2026-01-01T00:00:00.000Z';

/** An API with no webhooks yet that creates what it is sent, or refuses the URL as a stack's policy does. */
function api(options: { refuseUrl?: string } = {}) {
  const sent: { method: string; path: string; body: unknown }[] = [];
  const fetch = async (request: Request) => {
    const path = new URL(request.url).pathname;
    const body = request.method === 'GET' ? undefined : await request.json();
    sent.push({ method: request.method, path, body });
    if (path === '/v1/webhooks' && request.method === 'GET') return json(200, { items: [] });
    if (path === '/v1/webhooks' && request.method === 'POST') {
      if (options.refuseUrl) return json(400, { error: { code: 'VALIDATION_FAILED', message: 'The request is not valid', requestId: 'r1', details: { fields: [{ field: 'url', message: options.refuseUrl }] } } });
      return json(201, { id: '01HZWEBHOOK000000000000001', ...(body as object), enabled: true, version: 1, createdAt: at, updatedAt: at, secret: 'whsec_shown_once' });
    }
    return json(404, { error: { code: 'NOT_FOUND', message: `No route ${request.method} ${path}`, requestId: 'r404' } });
  };
  return { fetch, sent };
}

const urlInput = () => screen.getByRole('textbox', { name: /Receiver URL/ });
const addButton = () => screen.getByRole('button', { name: 'Add webhook' }) as HTMLButtonElement;

describe('the new webhook form', () => {
  it("checks the URL and events with the API's schema as the person types, and sends nothing while they are wrong", async () => {
    // Prepare
    const { fetch, sent } = api();
    renderScreen(<WebhooksPage />, { fetch, session: signedIn() });
    await screen.findByText('No webhooks yet');

    // Act: a URL without its scheme, then no event at all
    fireEvent.change(urlInput(), { target: { value: 'example.com/hooks' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Every event, including those added later' }));

    // Assess: each said next to its field, and the button says what is missing
    expect(await screen.findByText('The URL must be an absolute URL such as https://example.com/hooks')).toBeTruthy();
    expect(screen.getByText('Events must name at least one event type, or *')).toBeTruthy();
    expect(addButton().disabled).toBe(true);
    expect(screen.getByText('Needs a valid receiver URL and at least one event before it can be saved.')).toBeTruthy();
    fireEvent.submit(addButton().closest('form')!);
    expect(sent.filter((request) => request.method === 'POST')).toEqual([]);

    // Act: put both right
    fireEvent.change(urlInput(), { target: { value: 'https://example.com/hooks' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'contact.created' }));

    // Assess: no message left; the body is what the API takes
    await waitFor(() => expect(addButton().disabled).toBe(false));
    expect(screen.queryByText(/must be an absolute URL/)).toBeNull();
    fireEvent.click(addButton());
    await screen.findByText('whsec_shown_once');
    expect(sent.filter((request) => request.method === 'POST')).toEqual([{ method: 'POST', path: '/v1/webhooks', body: { url: 'https://example.com/hooks', events: ['contact.created'] } }]);
  });

  it("shows the API's refusal of an address its stack does not allow next to the URL", async () => {
    // Prepare
    const { fetch } = api({ refuseUrl: 'must not point at a private, link-local or reserved address' });
    renderScreen(<WebhooksPage />, { fetch, session: signedIn() });
    await screen.findByText('No webhooks yet');

    // Act: a well-formed URL to a private address (only the API knows the stack's policy)
    fireEvent.change(urlInput(), { target: { value: 'https://10.0.0.8/hooks' } });
    fireEvent.click(addButton());

    // Assess
    expect(await screen.findByText('The URL must not point at a private, link-local or reserved address')).toBeTruthy();
  });
});
