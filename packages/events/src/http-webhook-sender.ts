import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import {
  DELIVERY_TIMEOUT_MS,
  hostOf,
  isLoopbackAddress,
  isPublicAddress,
  webhookUrlProblem,
  type SendResult,
  type WebhookSender,
  type WebhookUrlPolicy,
} from '@rapport/domain';
import { signatureHeaders } from './webhook-signature';

type Lookup = (host: string) => Promise<{ address: string }[]>;

export interface HttpWebhookSenderOptions {
  policy: WebhookUrlPolicy;
  timeoutMs?: number;
  /** Resolves a host name to every address it has (node:dns by default). */
  lookup?: Lookup;
  fetch?: typeof globalThis.fetch;
}

/**
 * POSTs signed events to receivers. The URL was checked when the webhook was saved, but a public
 * name can later resolve to a private address, so each delivery checks again what the host
 * resolves to and refuses anything but public addresses (or loopback, locally). Redirects are not
 * followed (they could lead anywhere), the receiver's body is never read, and an attempt that has
 * no answer within the timeout fails.
 */
export class HttpWebhookSender implements WebhookSender {
  readonly #policy: WebhookUrlPolicy;
  readonly #timeoutMs: number;
  readonly #lookup: Lookup;
  readonly #fetch: typeof globalThis.fetch;

  constructor(options: HttpWebhookSenderOptions) {
    this.#policy = options.policy;
    this.#timeoutMs = options.timeoutMs ?? DELIVERY_TIMEOUT_MS;
    this.#lookup = options.lookup ?? ((host) => dnsLookup(host, { all: true }));
    this.#fetch = options.fetch ?? globalThis.fetch;
  }

  async send(request: { url: string; secret: string; messageId: string; body: string; timestamp: Date }): Promise<SendResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const refused = await this.#refusal(request.url);
    if (refused) return { statusCode: null, durationMs: elapsed(), error: refused };
    try {
      const response = await this.#fetch(request.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Rapport-Webhooks/1.0',
          ...signatureHeaders(request.secret, request.messageId, request.timestamp, request.body),
        },
        body: request.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
      await response.body?.cancel().catch(() => undefined);
      const ok = response.status >= 200 && response.status < 300;
      const redirect = response.status >= 300 && response.status < 400;
      return {
        statusCode: response.status,
        durationMs: elapsed(),
        error: ok ? null : redirect ? `the receiver answered ${response.status}; redirects are not followed` : `the receiver answered ${response.status}`,
      };
    } catch (error) {
      const name = (error as Error).name;
      const timedOut = name === 'TimeoutError' || name === 'AbortError';
      const code = ((error as Error).cause as { code?: string } | undefined)?.code;
      return {
        statusCode: null,
        durationMs: elapsed(),
        error: timedOut ? `no answer within ${this.#timeoutMs / 1000} s` : `could not reach the receiver${code ? ` (${code})` : ''}`,
      };
    }
  }

  async #refusal(value: string): Promise<string | null> {
    const problem = webhookUrlProblem(value, this.#policy);
    if (problem) return `the URL is refused: it ${problem}`;
    const host = hostOf(new URL(value));
    let addresses: string[];
    try {
      addresses = isIP(host) ? [host] : (await this.#lookup(host)).map((entry) => entry.address);
    } catch {
      return `the host ${host} does not resolve`;
    }
    const allowed = (address: string) => isPublicAddress(address) || (this.#policy === 'local' && isLoopbackAddress(address));
    if (addresses.length === 0 || !addresses.every(allowed)) return `the host ${host} resolves to an address that is not public`;
    return null;
  }
}
