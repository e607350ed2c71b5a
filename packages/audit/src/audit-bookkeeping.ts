import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keys, recordOf } from '@rapport/data';
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

/** The archiver's and digest writer's items in the table: markers and object records. */
export interface AuditBookkeeping {
  archivedMarker(tenantId: string): Promise<ArchivedMarker | null>;
  /**
   * Records an archived object and moves the archived marker to its last event, in one
   * transaction that fails with {@link MarkerConflictError} if the marker moved since `previous`.
   */
  commitArchivedObject(record: ArchivedObjectRecord, previous: ArchivedMarker | null): Promise<ArchivedMarker>;
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

export function createAuditBookkeeping({ documents, tableName }: AuditBookkeepingOptions): AuditBookkeeping {
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

    async commitArchivedObject(record, previous) {
      const marker: ArchivedMarker = { seq: record.lastSeq, hash: record.chainHead, objectKey: record.key };
      try {
        await documents.send(
          new TransactWriteCommand({
            TransactItems: [
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
