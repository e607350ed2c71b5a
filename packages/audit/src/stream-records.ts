import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { auditEventOf } from '@rapport/data';
import { pendingPart, type PendingAuditEvent } from '@rapport/domain';
import type { DynamoDBRecord } from 'aws-lambda';
import { isPendingAuditEventShaped } from './event-lines';
import { matchesAuditStreamFilter } from './stream-filter';

/** A committed audit event and the stream record that carried it (its identifier for batch failures). */
export interface StreamedEvent {
  /** The event as the request wrote it (any seq or hash in the image is not the stream's to say). */
  event: PendingAuditEvent;
  sequenceNumber: string;
}

export interface StreamRecords {
  /** Each tenant's events in stream order (a tenant's records may also arrive in another invocation, from another shard). */
  byTenant: Map<string, StreamedEvent[]>;
  /** Sequence numbers of audit-event records whose image is not an audit event. */
  malformed: string[];
}

/**
 * The audit events of a batch, by tenant. Records the audit filter does not match are ignored: the
 * event source mapping filters them out already, and anything else in the table is none of the
 * archiver's business.
 */
export function readStreamRecords(records: readonly DynamoDBRecord[]): StreamRecords {
  const byTenant = new Map<string, StreamedEvent[]>();
  const malformed: string[] = [];
  for (const record of records) {
    if (!matchesAuditStreamFilter(record)) continue;
    const sequenceNumber = record.dynamodb?.SequenceNumber ?? '';
    const event = eventOf(record);
    if (!event) {
      malformed.push(sequenceNumber);
      continue;
    }
    let streamed = byTenant.get(event.tenantId);
    if (!streamed) byTenant.set(event.tenantId, (streamed = []));
    streamed.push({ event, sequenceNumber });
  }
  return { byTenant, malformed };
}

function eventOf(record: DynamoDBRecord): PendingAuditEvent | null {
  try {
    // Lambda's JSON attribute values and the SDK's differ only for binary, which audit events never hold.
    const item = unmarshall(record.dynamodb!.NewImage as Record<string, AttributeValue>);
    const event = pendingPart(auditEventOf(item));
    return isPendingAuditEventShaped(event) ? event : null;
  } catch {
    return null;
  }
}
