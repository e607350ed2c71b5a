import { auditContextOf } from '../audit/audit-context';
import type { AuditAction } from '../audit/audit-event';
import { NotFoundError, VersionConflictError } from '../errors';
import type { FieldCipher } from '../privacy/field-cipher';
import type { Actor } from '../shared/auth-context';
import type { Clock } from '../shared/clock';
import { newId } from '../shared/ids';
import { sendSignedDelivery } from './delivery.service';
import { TEST_EVENT_TYPE, type TestEvent } from './domain-events';
import type { DeliveryAttempt } from './webhook';
import type { DeliveryLog, WebhookRepository, WebhookSender } from './ports';
import { newWebhookSecret, type StoredWebhook, type Webhook } from './webhook';
import type { WebhookCreateInput, WebhookPatchInput } from './webhook.schema';

export interface WebhookServiceDeps {
  webhooks: WebhookRepository;
  deliveries: DeliveryLog;
  /** The tenant's field cipher: the signing secret is stored encrypted under the tenant's data key. */
  cipher: FieldCipher;
  /** Sends test pings (the dispatcher sends everything else). */
  sender: WebhookSender;
  clock: Clock;
}

/** Where a webhook's secret is bound in its ciphertext, so it decrypts for this webhook only. */
export const webhookSecretScope = (webhookId: string) => ({ itemKey: `webhook#${webhookId}`, field: 'secret' });

/** What the API shows of a subscription: everything but the secret. */
export function webhookView(stored: StoredWebhook): Webhook {
  const { tenantId: _tenantId, secretCiphertext: _secret, ...view } = stored;
  return view;
}

/** Webhook subscriptions of the caller's workspace (`settings:manage`); `deps` are bound to its tenant. */
export function createWebhookService(deps: WebhookServiceDeps, actor: Actor) {
  const audited = (action: AuditAction, id: string, changedFields?: string[]) => ({
    context: auditContextOf(actor),
    entry: { action, target: { type: 'webhook', id }, outcome: 'success' as const, ...(changedFields ? { changedFields } : {}) },
  });

  async function load(id: string): Promise<StoredWebhook> {
    const webhook = await deps.webhooks.get(id);
    if (!webhook) throw new NotFoundError('webhook', id);
    return webhook;
  }

  async function replace(current: StoredWebhook, next: StoredWebhook, action: AuditAction, changedFields: string[]) {
    await deps.webhooks.replace(next, current, audited(action, current.id, changedFields));
    return next;
  }

  return {
    /** The one answer that shows the secret; afterwards only rotating it shows a new one. */
    async create(input: WebhookCreateInput): Promise<Webhook & { secret: string }> {
      const id = newId();
      const secret = newWebhookSecret();
      const now = deps.clock.now().toISOString();
      const stored: StoredWebhook = {
        tenantId: actor.auth.tenantId,
        id,
        url: input.url,
        events: input.events,
        ...(input.description ? { description: input.description } : {}),
        enabled: true,
        createdBy: actor.auth.userId,
        secretCiphertext: await deps.cipher.encrypt(webhookSecretScope(id), secret),
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
      await deps.webhooks.create(stored, audited('webhook.created', id, Object.keys(input).sort()));
      return { ...webhookView(stored), secret };
    },

    async get(id: string): Promise<Webhook> {
      return webhookView(await load(id));
    },

    async list(options: { limit: number; afterId?: string }) {
      const page = await deps.webhooks.list(options);
      return { items: page.items.map(webhookView), lastId: page.lastId };
    },

    async update(id: string, patch: WebhookPatchInput, expectedVersion?: number): Promise<Webhook> {
      const current = await load(id);
      if (expectedVersion !== undefined && expectedVersion !== current.version) {
        throw new VersionConflictError('webhook', id, expectedVersion, current.version);
      }
      const { version: _version, ...fields } = patch;
      const next: StoredWebhook = { ...current, version: current.version + 1, updatedAt: deps.clock.now().toISOString() };
      for (const [field, value] of Object.entries(fields)) {
        if (value === null) delete next[field as keyof StoredWebhook];
        else if (value !== undefined) Object.assign(next, { [field]: value });
      }
      const changed = Object.keys(fields)
        .filter((field) => JSON.stringify(current[field as keyof StoredWebhook]) !== JSON.stringify(next[field as keyof StoredWebhook]))
        .sort();
      return webhookView(await replace(current, next, 'webhook.updated', changed));
    },

    /** A new secret at once; deliveries signed from now on use it, and the old one stops verifying. */
    async rotateSecret(id: string): Promise<Webhook & { secret: string }> {
      const current = await load(id);
      const secret = newWebhookSecret();
      const next: StoredWebhook = {
        ...current,
        secretCiphertext: await deps.cipher.encrypt(webhookSecretScope(id), secret),
        version: current.version + 1,
        updatedAt: deps.clock.now().toISOString(),
      };
      return { ...webhookView(await replace(current, next, 'webhook.secret_rotated', ['secret'])), secret };
    },

    async delete(id: string): Promise<void> {
      await deps.webhooks.delete(id, audited('webhook.deleted', id));
    },

    /**
     * Sends a `webhook.test` ping to the webhook now, signed with its secret, even while it is
     * paused, and logs the attempt like any delivery. It is tried once: its owner is watching, and a
     * failed test is retried by testing again.
     */
    async test(id: string): Promise<DeliveryAttempt> {
      const webhook = await load(id);
      const ping: TestEvent = {
        id: newId(),
        type: TEST_EVENT_TYPE,
        tenantId: actor.auth.tenantId,
        occurredAt: deps.clock.now().toISOString(),
        data: { id: webhook.id, changedFields: [] },
      };
      return sendSignedDelivery(deps, webhook, ping, 1);
    },

    /** Attempts to deliver to one of the tenant's webhooks, newest first. */
    async deliveries(id: string, options: { limit: number; afterId?: string }) {
      await load(id);
      return deps.deliveries.list(id, options);
    },
  };
}

export type WebhookService = ReturnType<typeof createWebhookService>;
