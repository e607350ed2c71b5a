import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { auditEventItem, auditEventOf, isIntegrated, keys, type StoredAuditEvent } from '@rapport/data';
import { newId, pendingAuditEvent, type AuditEntry, type AuditEvent, type PendingAuditEvent } from '@rapport/domain';
import type { DynamoDBRecord } from 'aws-lambda';
import { randomUUID } from 'node:crypto';

/** A tenant's audit events as the table holds them (pending or integrated), in event id (so time) order. */
export async function auditEventsInTable(documents: DynamoDBDocumentClient, tableName: string, tenantId: string): Promise<StoredAuditEvent[]> {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :events)',
        ExpressionAttributeValues: { ':pk': keys.auditPartition(tenantId).pk, ':events': keys.auditEventPrefix },
        ConsistentRead: true,
        ExclusiveStartKey,
      }),
    );
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items.map(auditEventOf);
}

/** A tenant's integrated events as the table holds them, in seq order. */
export async function integratedEventsInTable(documents: DynamoDBDocumentClient, tableName: string, tenantId: string): Promise<AuditEvent[]> {
  return (await auditEventsInTable(documents, tableName, tenantId)).filter(isIntegrated).sort((a, b) => a.seq - b.seq);
}

/** A pending audit event, as a request writes it, made at `time` (a new id, so later ids sort later). */
export function aPendingEvent(tenantId: string, time: string, entry: Partial<AuditEntry> = {}): PendingAuditEvent {
  return pendingAuditEvent({
    tenantId,
    eventId: newId(),
    time,
    entry: { action: 'contact.updated', target: { type: 'contact', id: newId() }, outcome: 'success', changedFields: ['title'], ...entry },
    context: { actor: { userId: newId(), role: 'owner' }, requestId: randomUUID(), sourceIp: '203.0.113.7', userAgent: 'vitest' },
  });
}

/** Commits pending events to the table as the audited writer does (each an item of its own). */
export async function commitPendingEvents(documents: DynamoDBDocumentClient, tableName: string, events: readonly PendingAuditEvent[]): Promise<void> {
  for (let start = 0; start < events.length; start += 10) {
    await Promise.all(
      events
        .slice(start, start + 10)
        .map((event) => documents.send(new PutCommand({ TableName: tableName, Item: auditEventItem(event), ConditionExpression: 'attribute_not_exists(pk)' }))),
    );
  }
}

let streamSequence = 0;

/** The INSERT stream records DynamoDB delivers for these events' items, in order. */
export function streamRecordsOf(events: readonly StoredAuditEvent[]): DynamoDBRecord[] {
  return events.map((event) => ({
    eventID: randomUUID(),
    eventName: 'INSERT',
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'us-east-1',
    eventSourceARN: 'arn:aws:dynamodb:us-east-1:000000000000:table/test/stream/2025-03-10T00:00:00.000',
    dynamodb: {
      Keys: marshall(keys.auditEvent(event.tenantId, event.eventId)) as never,
      NewImage: marshall(auditEventItem(event), { removeUndefinedValues: true }) as never,
      SequenceNumber: String(++streamSequence).padStart(21, '0'),
      SizeBytes: 512,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
      ApproximateCreationDateTime: Math.floor(Date.parse(event.time) / 1000),
    },
  }));
}
