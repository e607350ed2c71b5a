import { ULID_PATTERN, type Webhook } from '@rapport/domain';
import { etagOf } from '@rapport/http';
import { z } from 'zod';

/** The `{id}` path parameter of the webhook routes. */
export const webhookIdParams = z.object({ id: z.string().regex(ULID_PATTERN, 'must be a webhook id') });

/** A webhook's ETag, so a client can send it back as `If-Match`. */
export const webhookHeaders = (webhook: Webhook) => ({ etag: etagOf(webhook.version) });

/** `?limit=&cursor=` of the webhook lists. */
export const pageQuery = z.strictObject({
  limit: z.coerce.number().int('must be a whole number').min(1).max(100).default(25),
  cursor: z.string().max(200).optional(),
});
