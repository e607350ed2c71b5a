import { TransactionCanceledException, type CancellationReason } from '@aws-sdk/client-dynamodb';
import { PutCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import {
  ContentionError,
  NotFoundError,
  VersionConflictError,
  newId,
  pendingAuditEvent,
  type AuditContext,
  type AuditEntry,
  type Clock,
  type PendingAuditEvent,
} from '@rapport/domain';
import { auditEventItem } from './audit-items';

/** The longest wait between two attempts of a transaction DynamoDB refused for a conflict. */
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
  /** Attempts when DynamoDB refuses the whole transaction because another one holds a change's item. */
  maxAttempts?: number;
}

/**
 * Writes a change and its audit event in one DynamoDB transaction, so there is no change without
 * its event and no event without its change. The event is pending: an item of its own, keyed by a
 * new event id, with no sequence number and no hash, so the transaction touches no item shared by
 * the tenant's other writes. The integrator (fed by the table's stream) makes it a link of the
 * tenant's hash chain later, in batches.
 *
 * A change's failed condition is the caller's to handle ({@link ChangeConditionFailedError}). When
 * DynamoDB refuses the transaction because a concurrent one holds one of the same items
 * (`TransactionConflict`), nothing was written, so it is sent again, a few times, then reported.
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
    this.#maxAttempts = options.maxAttempts ?? 8;
  }

  get tableName(): string {
    return this.#tableName;
  }

  /** Writes `changes` (possibly none) with the event. Throws ChangeConditionFailedError when a change's condition fails. */
  async write(tenantId: string, context: AuditContext, entry: AuditEntry, changes: TransactItem[] = []): Promise<PendingAuditEvent> {
    const event = pendingAuditEvent({ tenantId, eventId: newId(), time: this.#clock.now().toISOString(), entry, context });
    const put = { TableName: this.#tableName, Item: auditEventItem(event), ConditionExpression: 'attribute_not_exists(pk)' };
    if (changes.length === 0) {
      // An event alone (a login, a refusal, a read in clear) is one item, which a single write puts
      // atomically: a transaction would add nothing but its cost (twice the write units, and a
      // slower call) to every audited read.
      await this.#client.send(new PutCommand(put));
      return event;
    }
    const eventItem: TransactItem = { Put: put };
    for (let attempt = 1; ; attempt++) {
      try {
        await this.#client.send(new TransactWriteCommand({ TransactItems: [...changes, eventItem] }));
        return event;
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const reasons = error.CancellationReasons ?? [];
        const failedChange = reasons.slice(0, changes.length).findIndex((reason) => reason.Code === 'ConditionalCheckFailed');
        if (failedChange >= 0) throw new ChangeConditionFailedError(failedChange, reasons[failedChange]!, error);
        // The event's own condition cannot fail (its id is new), so what is left is a refusal of the
        // whole transaction: a conflict with another transaction on one of the same items.
        if (!reasons.some((reason) => reason.Code === 'TransactionConflict') || attempt >= this.#maxAttempts) {
          throw new ContentionError({ cause: error });
        }
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(MAX_BACKOFF_MS, 4 * 2 ** attempt)));
      }
    }
  }
}
