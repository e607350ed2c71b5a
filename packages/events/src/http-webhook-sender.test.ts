import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpWebhookSender } from './http-webhook-sender';

const SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
let server: Server | undefined;

/** A receiver on 127.0.0.1 that answers with `status` (after `delayMs`) and keeps what it got. */
async function receiver(status: number, delayMs = 0) {
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      setTimeout(() => response.writeHead(status, { location: 'http://169.254.169.254/' }).end('receiver text'), delayMs);
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, received };
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

const send = (sender: HttpWebhookSender, url: string) =>
  sender.send({ url, secret: SECRET, messageId: 'evt_01', body: '{"id":"evt_01"}', timestamp: new Date() });

describe('HttpWebhookSender', () => {
  it('POSTs the body with Standard Webhooks headers that the reference verifier accepts', async () => {
    // Prepare
    const { url, received } = await receiver(204);

    // Act
    const result = await send(new HttpWebhookSender({ policy: 'local' }), url);

    // Assess
    expect(result).toMatchObject({ statusCode: 204, error: null });
    const [delivery] = received;
    expect(delivery!.headers['webhook-id']).toBe('evt_01');
    expect(delivery!.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(SECRET).verify(delivery!.body, delivery!.headers as Record<string, string>)).toEqual({ id: 'evt_01' });
    expect(() => new Webhook(`whsec_${Buffer.alloc(32, 8).toString('base64')}`).verify(delivery!.body, delivery!.headers as Record<string, string>)).toThrow();
  });

  it('reports a non-2xx answer and does not follow redirects', async () => {
    const { url, received } = await receiver(302);

    const result = await send(new HttpWebhookSender({ policy: 'local' }), url);

    expect(result).toMatchObject({ statusCode: 302, error: 'the receiver answered 302; redirects are not followed' });
    expect(received).toHaveLength(1);
  });

  it('gives up on a receiver that does not answer in time', async () => {
    const { url } = await receiver(200, 2_000);

    const result = await send(new HttpWebhookSender({ policy: 'local', timeoutMs: 200 }), url);

    expect(result).toMatchObject({ statusCode: null, error: 'no answer within 0.2 s' });
    expect(result.durationMs).toBeGreaterThanOrEqual(150);
  });

  it('in AWS refuses loopback, and a public name that resolves to a private address, without connecting', async () => {
    // Prepare
    const { url, received } = await receiver(200);
    const sender = new HttpWebhookSender({ policy: 'public', lookup: async () => [{ address: '10.1.2.3' }] });

    // Act
    const loopback = await send(sender, url);
    const rebound = await send(sender, 'https://hooks.example.com/in');

    // Assess
    expect(loopback).toMatchObject({ statusCode: null, error: expect.stringContaining('https') });
    expect(rebound).toMatchObject({ statusCode: null, error: 'the host hooks.example.com resolves to an address that is not public' });
    expect(received).toHaveLength(0);
  });
});
