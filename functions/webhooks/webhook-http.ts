import { webhookUrlProblem, type Webhook, type WebhookUrlPolicy } from '@rapport/domain';
import { etagOf, ValidationError } from '@rapport/http';

/** The `{id}` path parameter and `?limit=&cursor=` of the webhook routes, from their contracts. */
export { webhookIdParams, webhookPageQuery as pageQuery } from '@rapport/http';

/** A webhook's ETag, so a client can send it back as `If-Match`. */
export const webhookHeaders = (webhook: Webhook) => ({ etag: etagOf(webhook.version) });

/**
 * Refuses a receiver URL this stack's policy does not allow (https to public addresses on AWS;
 * also http to loopback locally), with the 400 a schema would give. Not in the body schema, which
 * is the same object wherever the stack runs (the OpenAPI document is generated from it).
 */
export function assertWebhookUrlAllowed(url: string | undefined, policy: WebhookUrlPolicy): void {
  if (url === undefined) return;
  const problem = webhookUrlProblem(url, policy);
  if (problem) throw new ValidationError([{ field: 'url', message: problem }]);
}
