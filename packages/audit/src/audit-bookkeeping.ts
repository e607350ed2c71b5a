import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { auditEventItem, auditEventOf, keys, queryAll, recordOf, type StoredAuditEvent } from '@rapport/data';
import type { AuditEvent } from '@rapport/domain';
import { MarkerConflictError } from './errors';

/** How far a tenant's chain is archived: the last archived event and the object holding it. */
export interface ArchivedMarker {
  seq: number;
  hash: string;
  objectKey: string;
}

/** One archived events object, as recorded in the table (and listed in a digest). */
export interface ArchivedObjectRecord {
  tenantId: string;
  key: string;
  /** SHA-256 (hex) of the object's bytes (the gzip). */
  sha256: string;
  firstSeq: number;
  lastSeq: number;
  /** The hash of the object's last event. */
  chainHead: string;
  eventCount: number;
  archivedAt: string;
}

/** How far signed digests cover a tenant's archive: the last digest and the last seq it covers. */
export interface DigestedMarker {
  lastSeq: number;
  key: string;
  sha256: string;
}

export interface AuditBookkeepingOptions {
  documents: DynamoDBDocumentClient;
  tableName: string;
}

/** The integrator's and digest writer's items in the table: markers, object records, attempts. */
export interface AuditBookkeeping {
  archivedMarker(tenantId: string): Promise<ArchivedMarker | null>;
  /** The table's items of these events (pending or integrated), by event id; events with no item are left out. */
  storedEvents(tenantId: string, eventIds: readonly string[]): Promise<Map<string, StoredAuditEvent>>;
  /** Notes an object about to be put in S3, so an integration that stops before its commit can be finished or told apart. */
  recordAttempt(record: ArchivedObjectRecord): Promise<void>;
  /** Objects put but not committed (interrupted or outrun), starting at `firstSeq`, or all of them. */
  attempts(tenantId: string, firstSeq?: number): Promise<ArchivedObjectRecord[]>;
  /** Every object the table records as integrated, in seq order. */
  objectRecords(tenantId: string): Promise<ArchivedObjectRecord[]>;
  /** Events made between two times (by their ids) that the integrator has not sequenced yet. */
  unintegratedEvents(tenantId: string, from: Date, to: Date): Promise<StoredAuditEvent[]>;
  /**
   * Records an archived object, writes its events sequenced (each only if not sequenced yet),
   * drops its attempt and moves the archived marker to its last event, in one transaction that
   * fails with {@link MarkerConflictError} if the marker moved since `previous` or an event was
   * sequenced meanwhile.
   */
  commitArchivedObject(record: ArchivedObjectRecord, previous: ArchivedMarker | null, events: readonly AuditEvent[]): Promise<ArchivedMarker>;
  /** Every object no digest covers yet, across tenants, ordered by tenant then first seq. */
  undigestedObjects(): Promise<ArchivedObjectRecord[]>;
  digestedMarker(tenantId: string): Promise<DigestedMarker | null>;
  /**
   * Moves the digested marker and takes the covered objects out of the undigested index, in one
   * transaction that fails with {@link MarkerConflictError} if the marker moved since `previous`.
   */
  commitDigest(
    tenantId: string,
    marker: DigestedMarker,
    previous: DigestedMarker | null,
    objects: readonly ArchivedObjectRecord[],
    digestedAt: string,
  ): Promise<void>;
}

/** DynamoDB's limit on items in one transaction. */
export const MAX_TRANSACTION_ITEMS = 100;

/** Events per archived object: its commit also writes the object record, the marker and drops the attempt. */
export const MAX_EVENTS_PER_OBJECT = MAX_TRANSACTION_ITEMS - 3;

/** DynamoDB's limit on keys in one BatchGetItem. */
const MAX_BATCH_GET_KEYS = 100;

export function createAuditBookkeeping({ documents, tableName }: AuditBookkeepingOptions): AuditBookkeeping {
  const partitionItems = (tenantId: string, prefix: string) =>
    queryAll(documents, {
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.auditPartition(tenantId).pk, ':prefix': prefix },
      ConsistentRead: true,
    });

  // Markers decide what is archived next, so they are read consistently, never from a stale replica.
  const get = async (key: { pk: string; sk: string }) =>
    (await documents.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item;

  /** The condition that `previous` is still what the marker says (or that there is no marker yet). */
  const markerGuard = (attribute: string, previous: number | null) =>
    previous === null
      ? { ConditionExpression: 'attribute_not_exists(pk)' }
      : { ConditionExpression: '#at = :previous', ExpressionAttributeNames: { '#at': attribute }, ExpressionAttributeValues: { ':previous': previous } };

  return {
    async archivedMarker(tenantId) {
      const item = await get(keys.auditArchived(tenantId));
      return item ? { seq: item.seq as number, hash: item.hash as string, objectKey: item.objectKey as string } : null;
    },

    async storedEvents(tenantId, eventIds) {
      const found = new Map<string, StoredAuditEvent>();
      const ids = [...new Set(eventIds)];
      for (let start = 0; start < ids.length; start += MAX_BATCH_GET_KEYS) {
        let requested: Record<string, unknown>[] | undefined = ids.slice(start, start + MAX_BATCH_GET_KEYS).map((id) => ({ ...keys.auditEvent(tenantId, id) }));
        while (requested && requested.length > 0) {
          const { Responses, UnprocessedKeys } = await documents.send(
            new BatchGetCommand({ RequestItems: { [tableName]: { Keys: requested, ConsistentRead: true } } }),
          );
          for (const item of Responses?.[tableName] ?? []) {
            const event = auditEventOf(item);
            found.set(event.eventId, event);
          }
          requested = UnprocessedKeys?.[tableName]?.Keys as Record<string, unknown>[] | undefined;
        }
      }
      return found;
    },

    async recordAttempt(record) {
      await documents.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...keys.auditAttempt(record.tenantId, record.firstSeq, record.chainHead), entity: 'audit-attempt', ...record },
        }),
      );
    },

    async attempts(tenantId, firstSeq) {
      const prefix = firstSeq === undefined ? keys.auditAttemptPrefix : keys.auditAttempt(tenantId, firstSeq, '').sk;
      return (await partitionItems(tenantId, prefix)).map((item) => recordOf<ArchivedObjectRecord>(item));
    },

    async objectRecords(tenantId) {
      return (await partitionItems(tenantId, keys.auditObjectPrefix)).map((item) => recordOf<ArchivedObjectRecord>(item));
    },

    async unintegratedEvents(tenantId, from, to) {
      const items = await queryAll(documents, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :first AND :last',
        FilterExpression: 'attribute_not_exists(seq)',
        ExpressionAttributeValues: {
          ':pk': keys.auditPartition(tenantId).pk,
          ':first': keys.auditEventSortKeyAt(from, 'first'),
          ':last': keys.auditEventSortKeyAt(to, 'last'),
        },
        ConsistentRead: true,
      });
      return items.map(auditEventOf);
    },

    async commitArchivedObject(record, previous, events) {
      if (events.length > MAX_EVENTS_PER_OBJECT) throw new RangeError(`An archived object holds at most ${MAX_EVENTS_PER_OBJECT} events`);
      const marker: ArchivedMarker = { seq: record.lastSeq, hash: record.chainHead, objectKey: record.key };
      try {
        await documents.send(
          new TransactWriteCommand({
            TransactItems: [
              // Sequenced in place: the event's item now says where in the chain it is, and a
              // duplicate delivery finds it so. The condition keeps any event from two places.
              ...events.map((event) => ({
                Put: {
                  TableName: tableName,
                  Item: auditEventItem(event),
                  ConditionExpression: 'attribute_not_exists(seq)',
                },
              })),
              { Delete: { TableName: tableName, Key: keys.auditAttempt(record.tenantId, record.firstSeq, record.chainHead) } },
              {
                Put: {
                  TableName: tableName,
                  Item: { ...keys.auditObject(record.tenantId, record.firstSeq), ...keys.auditUndigested(record.tenantId, record.firstSeq), entity: 'audit-object', ...record },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              {
                Put: {
                  TableName: tableName,
                  Item: { ...keys.auditArchived(record.tenantId), entity: 'audit-archived', tenantId: record.tenantId, ...marker, updatedAt: record.archivedAt },
                  ...markerGuard('seq', previous?.seq ?? null),
                },
              },
            ],
          }),
        );
      } catch (error) {
        throw conflictOr(error, () => new MarkerConflictError(record.tenantId, 'archived', previous?.seq ?? 0, { cause: error }));
      }
      return marker;
    },

    async undigestedObjects() {
      const records: ArchivedObjectRecord[] = [];
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await documents.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: 'gsi2',
            KeyConditionExpression: 'gsi2pk = :pk',
            ExpressionAttributeValues: { ':pk': keys.auditUndigested().gsi2pk },
            ExclusiveStartKey,
          }),
        );
        for (const item of page.Items ?? []) records.push(recordOf<ArchivedObjectRecord>(item));
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return records;
    },

    async digestedMarker(tenantId) {
      const item = await get(keys.auditDigested(tenantId));
      return item ? { lastSeq: item.lastSeq as number, key: item.key as string, sha256: item.sha256 as string } : null;
    },

    async commitDigest(tenantId, marker, previous, objects, digestedAt) {
      if (objects.length + 1 > MAX_TRANSACTION_ITEMS) throw new RangeError(`A digest commit holds at most ${MAX_TRANSACTION_ITEMS - 1} objects`);
      try {
        await documents.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: tableName,
                  Item: { ...keys.auditDigested(tenantId), entity: 'audit-digested', tenantId, ...marker, updatedAt: digestedAt },
                  ...markerGuard('lastSeq', previous?.lastSeq ?? null),
                },
              },
              // Dropping the index keys is what takes an object off the digest job's list.
              ...objects.map((object) => ({
                Update: {
                  TableName: tableName,
                  Key: keys.auditObject(tenantId, object.firstSeq),
                  UpdateExpression: 'REMOVE gsi2pk, gsi2sk',
                  ConditionExpression: 'attribute_exists(pk)',
                },
              })),
            ],
          }),
        );
      } catch (error) {
        throw conflictOr(error, () => new MarkerConflictError(tenantId, 'digested', previous?.lastSeq ?? 0, { cause: error }));
      }
    },
  };
}

/** A cancelled transaction whose condition failed is a conflict; anything else stays what it was. */
function conflictOr(error: unknown, conflict: () => Error): unknown {
  if (error instanceof TransactionCanceledException && error.CancellationReasons?.some((reason) => reason.Code === 'ConditionalCheckFailed')) {
    return conflict();
  }
  return error;
}
