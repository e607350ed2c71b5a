import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { DomainEvent, EventPublisher } from '@rapport/domain';
import { MAX_ENTRIES_PER_PUT, putEventsEntryOf } from './event-bus';

export interface EventBridgeEventPublisherOptions {
  eventBusName: string;
  client?: EventBridgeClient;
}

/**
 * Puts domain events on an EventBridge bus, ten to a call. PutEvents succeeds or fails per entry,
 * so the answer names exactly the events to publish again (throttled, say); a failed call fails
 * all of its entries.
 */
export class EventBridgeEventPublisher implements EventPublisher {
  readonly #client: EventBridgeClient;
  readonly #eventBusName: string;

  constructor(options: EventBridgeEventPublisherOptions) {
    this.#client = options.client ?? new EventBridgeClient({});
    this.#eventBusName = options.eventBusName;
  }

  async publish(events: DomainEvent[]): Promise<{ failed: DomainEvent[] }> {
    const failed: DomainEvent[] = [];
    for (let start = 0; start < events.length; start += MAX_ENTRIES_PER_PUT) {
      const chunk = events.slice(start, start + MAX_ENTRIES_PER_PUT);
      try {
        const { FailedEntryCount = 0, Entries = [] } = await this.#client.send(
          new PutEventsCommand({ Entries: chunk.map((event) => putEventsEntryOf(event, this.#eventBusName)) }),
        );
        if (FailedEntryCount > 0) failed.push(...chunk.filter((_event, index) => !Entries[index]?.EventId || Entries[index]?.ErrorCode));
      } catch {
        failed.push(...chunk);
      }
    }
    return { failed };
  }
}
