import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { auditEventOf, type StoredAuditEvent } from './audit-items';
import type { TableOptions } from './contact-repository';
import { keys } from './keys';

export interface AuditEventQuery {
  from: Date;
  to: Date;
  /** Only events before this event id (the cursor of the previous page). */
  beforeEventId?: string;
  limit: number;
  actor?: string;
  action?: string;
  target?: string;
}

/**
 * A tenant's recent audit events, newest first, from its audit partition (the table keeps them
 * `AUDIT_DAYS_IN_TABLE` days; older ones are read from the archive). Events are keyed by id, a
 * ULID, so key order is time order and the walk back stops at the first event older than `from`.
 * Integrated events carry their seq and hashes; events the integrator has not reached yet are
 * listed too, without them.
 */
export class DynamoAuditEventStore {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(options: TableOptions) {
    this.#client = options.client;
    this.#tableName = options.tableName;
  }

  async newestFirst(tenantId: string, query: AuditEventQuery): Promise<{ items: StoredAuditEvent[]; nextBeforeEventId: string | null }> {
    const items: StoredAuditEvent[] = [];
    const upper = query.beforeEventId === undefined ? `${keys.auditEventPrefix}~` : keys.auditEventSortKey(query.beforeEventId);
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.#client.send(
        new QueryCommand({
          TableName: this.#tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :first AND :upper',
          ExpressionAttributeValues: { ':pk': keys.auditPartition(tenantId).pk, ':first': keys.auditEventPrefix, ':upper': upper },
          ScanIndexForward: false,
          ConsistentRead: true,
          Limit: 100,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      for (const item of page.Items ?? []) {
        const event = auditEventOf(item);
        if (query.beforeEventId !== undefined && event.eventId >= query.beforeEventId) continue;
        const time = Date.parse(event.time);
        if (time < query.from.getTime()) return { items, nextBeforeEventId: null };
        if (time > query.to.getTime() || !matches(event, query)) continue;
        items.push(event);
        if (items.length === query.limit) return { items, nextBeforeEventId: event.eventId };
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return { items, nextBeforeEventId: null };
  }
}

function matches(event: StoredAuditEvent, query: AuditEventQuery): boolean {
  return (
    (query.actor === undefined || event.actor.userId === query.actor) &&
    (query.action === undefined || event.action === query.action) &&
    (query.target === undefined || event.target?.id === query.target || Boolean(event.targetIds?.includes(query.target)))
  );
}
