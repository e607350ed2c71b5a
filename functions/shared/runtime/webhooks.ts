import { createFieldCipher } from '@rapport/crypto';
import { HttpWebhookSender } from '@rapport/events';
import { DynamoDeliveryLog, DynamoWebhookRepository } from '@rapport/data';
import { createWebhookService, type Actor } from '@rapport/domain';
import { createCommonRuntime, oncePerContainer, type CommonRuntime } from './common';
import { createKeyring } from './keyring';

/** Webhook subscriptions and their delivery log (`settings:manage`). */
export interface WebhooksRuntime extends CommonRuntime {
  webhooksFor(actor: Actor): ReturnType<typeof createWebhookService>;
}

export function createWebhooksRuntime(environment: NodeJS.ProcessEnv): WebhooksRuntime {
  const common = createCommonRuntime(environment);
  const { table, clock } = common;
  const keyring = createKeyring(common);
  // Test pings go out from the API itself, checked against the same URL policy as the dispatcher's deliveries.
  const sender = new HttpWebhookSender({ policy: common.env.WEBHOOK_URL_POLICY });
  return {
    ...common,
    webhooksFor: (actor) =>
      createWebhookService(
        {
          webhooks: new DynamoWebhookRepository(table, actor.auth.tenantId),
          deliveries: new DynamoDeliveryLog(table, actor.auth.tenantId),
          cipher: createFieldCipher(keyring, actor.auth.tenantId),
          sender,
          clock,
        },
        actor,
      ),
  };
}

export const webhooksRuntime = oncePerContainer(createWebhooksRuntime);
