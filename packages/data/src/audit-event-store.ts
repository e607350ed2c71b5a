import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '@rapport/domain';
import { auditEventOf } from './audit-items';
import type { TableOptions } from './contact-repository';
import { keys } from './keys';

export interface AuditEventQuery {
  from: Date;
  to: Date;
  /** Only events before this sequence number (the cursor of the previous page). */
  beforeSeq?: number;
  limit: number;
  actor?: string;
  action?: string;
  target?: string;
}

/**
 * A tenant's recent audit events, newest first, from its audit partition (the table keeps them
 * `AUDIT_DAYS_IN_TABLE` days; older ones are read from the archive). Sequence order is time order,
 * so the walk back stops at the first event older than `from`.
 */
export class DynamoAuditEventStore {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(options: TableOptions) {
    this.#client = options.client;
    this.#tableName = options.tableName;
  }

  async newestFirst(tenantId: string, query: AuditEventQuery): Promise<{ items: AuditEvent[]; nextBeforeSeq: number | null }> {
    const items: AuditEvent[] = [];
    const upper = query.beforeSeq === undefined ? 'EVENT#~' : keys.auditEventSortKey(query.beforeSeq);
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.#client.send(
        new QueryCommand({
          TableName: this.#tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :first AND :upper',
          ExpressionAttributeValues: { ':pk': keys.auditPartition(tenantId).pk, ':first': 'EVENT#', ':upper': upper },
          ScanIndexForward: false,
          ConsistentRead: true,
          Limit: 100,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      for (const item of page.Items ?? []) {
        const event = auditEventOf(item);
        if (query.beforeSeq !== undefined && event.seq >= query.beforeSeq) continue;
        const time = Date.parse(event.time);
        if (time < query.from.getTime()) return { items, nextBeforeSeq: null };
        if (time > query.to.getTime() || !matches(event, query)) continue;
        items.push(event);
        if (items.length === query.limit) return { items, nextBeforeSeq: event.seq };
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return { items, nextBeforeSeq: null };
  }
}

function matches(event: AuditEvent, query: AuditEventQuery): boolean {
  return (
    (query.actor === undefined || event.actor.userId === query.actor) &&
    (query.action === undefined || event.action === query.action) &&
    (query.target === undefined || event.target?.id === query.target || Boolean(event.targetIds?.includes(query.target)))
  );
}
