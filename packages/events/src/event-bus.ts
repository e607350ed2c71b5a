import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import type { DomainEvent } from '@rapport/domain';
import type { EventBridgeEvent } from 'aws-lambda';

/** The `source` of every event Rapport puts on its bus; the dispatcher's rule matches on it. */
export const EVENT_SOURCE = 'rapport';

/** PutEvents takes at most ten entries a call. */
export const MAX_ENTRIES_PER_PUT = 10;

/** The PutEvents entry of a domain event: its type as the detail-type, the thin event itself as the detail. */
export function putEventsEntryOf(event: DomainEvent, eventBusName: string): PutEventsRequestEntry {
  return {
    EventBusName: eventBusName,
    Source: EVENT_SOURCE,
    DetailType: event.type,
    Detail: JSON.stringify(event),
    Time: new Date(event.occurredAt),
  };
}

/** A domain event as a rule's target receives it (the dispatcher reads `detail`). */
export type DomainEventBridgeEvent = EventBridgeEvent<string, DomainEvent>;
