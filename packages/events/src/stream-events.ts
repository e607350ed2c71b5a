import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { matchesPattern } from '@rapport/audit';
import { AUDIT_EVENT_ENTITY, auditEventOf } from '@rapport/data';
import { PUBLISHED_ACTIONS, domainEventOf, type DomainEvent } from '@rapport/domain';
import type { DynamoDBRecord } from 'aws-lambda';

/**
 * The event-source-mapping filter of the outbound-events publisher: new audit events (INSERTs of
 * `entity: 'audit-event'`) of a published action that succeeded. Lambda drops everything else,
 * logins and refusals included, before invoking the publisher; the local poller applies the same
 * object through {@link matchesOutboundStreamFilter}.
 */
export const OUTBOUND_STREAM_FILTER = {
  eventName: ['INSERT'],
  dynamodb: { NewImage: { entity: { S: [AUDIT_EVENT_ENTITY] }, action: { S: PUBLISHED_ACTIONS }, outcome: { S: ['success'] } } },
} as const;

export function matchesOutboundStreamFilter(record: DynamoDBRecord): boolean {
  return matchesPattern(OUTBOUND_STREAM_FILTER, record);
}

/** A domain event and the stream record that carried it (its identifier for batch failures). */
export interface StreamedDomainEvent {
  event: DomainEvent;
  sequenceNumber: string;
}

/** The domain events a batch of stream records announces, in stream order; others are skipped. */
export function readDomainEvents(records: readonly DynamoDBRecord[]): StreamedDomainEvent[] {
  const events: StreamedDomainEvent[] = [];
  for (const record of records) {
    if (!matchesOutboundStreamFilter(record)) continue;
    // Lambda's JSON attribute values and the SDK's differ only for binary, which audit events never hold.
    const event = domainEventOf(auditEventOf(unmarshall(record.dynamodb!.NewImage as Record<string, AttributeValue>)));
    if (event) events.push({ event, sequenceNumber: record.dynamodb?.SequenceNumber ?? '' });
  }
  return events;
}
