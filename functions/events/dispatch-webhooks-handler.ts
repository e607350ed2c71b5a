import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import { parseDomainEvent, type DomainEventBridgeEvent } from '@rapport/events';
import type { DispatcherRuntime } from './events-runtime';

/**
 * The target of the bus rule: the first attempt of one domain event to each of its tenant's
 * matching webhooks. Failed attempts are retried through the retry queue, not by failing here;
 * only our own failure (the table, the keys, the queue) throws, and EventBridge invokes again.
 */
export const createDispatchWebhooksHandler = (rt: DispatcherRuntime) =>
  middy<DomainEventBridgeEvent, { attempts: number }>({ timeoutEarlyInMillis: 0 })
    .use(injectLambdaContext(rt.logger, { resetKeys: true }))
    .use(captureLambdaHandler(rt.tracer, { captureResponse: false }))
    .handler(async (busEvent) => {
      const event = parseDomainEvent(busEvent.detail);
      const attempts = await rt.deliveryFor(event.tenantId).deliver(event);
      rt.logger.info('Webhook deliveries attempted', {
        eventId: event.id,
        type: event.type,
        attempts: attempts.length,
        delivered: attempts.filter((attempt) => attempt.status === 'delivered').length,
      });
      return { attempts: attempts.length };
    });
