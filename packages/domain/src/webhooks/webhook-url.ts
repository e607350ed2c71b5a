import ipaddr from 'ipaddr.js';
import { MAX_WEBHOOK_URL_LENGTH, webhookUrlShapeProblem } from './webhook-url-shape';

/**
 * Where webhooks may point. `public` (AWS): https only, to public addresses, so a tenant cannot
 * make our functions call into the VPC, the instance metadata service or anyone's private network
 * (SSRF). `local` (the local stack): also http, but only to this machine's loopback, where a
 * developer's receiver runs; private networks stay refused there too.
 */
export type WebhookUrlPolicy = 'public' | 'local';

export { MAX_WEBHOOK_URL_LENGTH };

/** Whether an address is an ordinary public unicast one (not private, loopback, link-local, reserved…). */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.process(address);
  return parsed.range() === 'unicast';
}

export function isLoopbackAddress(address: string): boolean {
  return ipaddr.isValid(address) && ipaddr.process(address).range() === 'loopback';
}

const isLoopbackName = (host: string) => host === 'localhost' || host.endsWith('.localhost');

/** The URL's host without IPv6 brackets and a trailing dot. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '').toLowerCase();
}

/**
 * Why a webhook URL is refused under a policy, or null when it is fine. Host names are checked as
 * written; the dispatcher checks again what a name resolves to at delivery time (a public name may
 * point at a private address).
 */
export function webhookUrlProblem(value: string, policy: WebhookUrlPolicy): string | null {
  const shape = webhookUrlShapeProblem(value);
  if (shape) return shape;
  const url = new URL(value);
  const host = hostOf(url);
  const loopback = isLoopbackName(host) || isLoopbackAddress(host);
  if (policy === 'local' && loopback) return null;
  if (url.protocol !== 'https:') return policy === 'local' ? 'must be an https URL (http only to 127.0.0.1 or localhost locally)' : 'must be an https URL';
  if (loopback) return 'must not point at a loopback address';
  if (ipaddr.isValid(host) && !isPublicAddress(host)) return 'must not point at a private, link-local or reserved address';
  if (!host.includes('.') && !ipaddr.isValid(host)) return 'must have a fully qualified host name';
  return null;
}
