import { TransactionCanceledException, type CancellationReason } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import {
  ContentionError,
  NotFoundError,
  VersionConflictError,
  newId,
  sealAuditEvent,
  type AuditContext,
  type AuditEntry,
  type AuditEvent,
  type ChainHead,
  type Clock,
} from '@rapport/domain';
import { auditEventItem } from './audit-items';
import { keys } from './keys';

/** The longest wait between two attempts at the chain head. */
const MAX_BACKOFF_MS = 250;

/** One item of a transaction, as lib-dynamodb takes it. */
export type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

/** A change's own condition failed: the item as it was (if the write asked for it) tells why. */
export class ChangeConditionFailedError extends Error {
  readonly index: number;
  readonly item: Record<string, unknown> | undefined;

  constructor(index: number, reason: CancellationReason, cause: unknown) {
    super(`Condition of change ${index} failed`, { cause });
    this.name = 'ChangeConditionFailedError';
    this.index = index;
    this.item = reason.Item ? unmarshall(reason.Item) : undefined;
  }
}

/**
 * What a failed existence-and-version condition on a record's write means, from the item as it
 * was (the write must ask for it with `ReturnValuesOnConditionCheckFailure: 'ALL_OLD'`): no item,
 * or no version to compare, is a missing record; otherwise the version was stale. Other errors
 * pass through as they are.
 */
export function staleOrMissing(error: unknown, entity: string, id: string, expectedVersion: number | undefined): unknown {
  if (!(error instanceof ChangeConditionFailedError)) return error;
  const current = error.item as { version?: number } | undefined;
  if (!current || expectedVersion === undefined) return new NotFoundError(entity, id, { cause: error });
  return new VersionConflictError(entity, id, expectedVersion, current.version ?? 0, { cause: error });
}

export interface AuditedWriterOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  clock: Clock;
  /** Attempts when other writes of the same tenant move the chain head first. */
  maxAttempts?: number;
}

/**
 * Writes a change and its audit event in one DynamoDB transaction, so there is no change without
 * its event and no event without its change. The event is the next link of the tenant's hash
 * chain: the transaction also moves the chain head, on the condition that nobody moved it since
 * it was read. A concurrent write of the same tenant makes that condition fail; the writer then
 * re-reads the head and tries again (the change's own conditions are re-checked each time).
 */
export class AuditedWriter {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;
  readonly #clock: Clock;
  readonly #maxAttempts: number;

  constructor(options: AuditedWriterOptions) {
    this.#client = options.client;
    this.#tableName = options.tableName;
    this.#clock = options.clock;
    this.#maxAttempts = options.maxAttempts ?? 40;
  }

  get tableName(): string {
    return this.#tableName;
  }

  /** Writes `changes` (possibly none) with the event. Throws ChangeConditionFailedError when a change's condition fails. */
  async write(tenantId: string, context: AuditContext, entry: AuditEntry, changes: TransactItem[] = []): Promise<AuditEvent> {
    for (let attempt = 1; ; attempt++) {
      const head = await this.#readHead(tenantId);
      const event = sealAuditEvent(head, { tenantId, eventId: newId(), time: this.#clock.now().toISOString(), entry, context });
      try {
        await this.#client.send(new TransactWriteCommand({ TransactItems: [...changes, ...this.#chainItems(tenantId, head, event)] }));
        return event;
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const reasons = error.CancellationReasons ?? [];
        const failedChange = reasons.slice(0, changes.length).findIndex((reason) => reason.Code === 'ConditionalCheckFailed');
        if (failedChange >= 0) throw new ChangeConditionFailedError(failedChange, reasons[failedChange]!, error);
        if (attempt >= this.#maxAttempts) throw new ContentionError({ cause: error });
        // Another write of this tenant took the next link first. Exponential backoff with full
        // jitter spreads the writers out, so under load they take turns instead of colliding again.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(MAX_BACKOFF_MS, 4 * 2 ** attempt)));
      }
    }
  }

  async #readHead(tenantId: string): Promise<ChainHead | null> {
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#tableName, Key: keys.auditHead(tenantId), ConsistentRead: true }),
    );
    return Item ? { seq: Number(Item.seq), hash: String(Item.hash) } : null;
  }

  #chainItems(tenantId: string, head: ChainHead | null, event: AuditEvent): TransactItem[] {
    const headItem = { ...keys.auditHead(tenantId), entity: 'audit-head', tenantId, seq: event.seq, hash: event.hash };
    return [
      { Put: { TableName: this.#tableName, Item: auditEventItem(event), ConditionExpression: 'attribute_not_exists(pk)' } },
      head
        ? {
            Put: {
              TableName: this.#tableName,
              Item: headItem,
              ConditionExpression: '#seq = :previous',
              ExpressionAttributeNames: { '#seq': 'seq' },
              ExpressionAttributeValues: { ':previous': head.seq },
            },
          }
        : { Put: { TableName: this.#tableName, Item: headItem, ConditionExpression: 'attribute_not_exists(pk)' } },
    ];
  }
}
