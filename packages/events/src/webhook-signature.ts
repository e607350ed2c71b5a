import { Webhook as StandardWebhook } from 'standardwebhooks';

/**
 * The Standard Webhooks headers of one delivery: `webhook-id` (the event id, the same on every
 * attempt, for deduplication), `webhook-timestamp` (seconds; receivers refuse old ones against
 * replay) and `webhook-signature` (`v1,<base64 HMAC-SHA256 of "id.timestamp.body">` under the
 * subscription's `whsec_` secret). Signed by the `standardwebhooks` reference library, so any
 * receiver using a Standard Webhooks verifier accepts it.
 */
export function signatureHeaders(secret: string, messageId: string, timestamp: Date, body: string): Record<string, string> {
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
    'webhook-signature': new StandardWebhook(secret).sign(messageId, timestamp, body),
  };
}
