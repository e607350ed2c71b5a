import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, BatchWriteCommand, GetCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keys, recordOf } from '@rapport/data';
import type { ArchivedObjectRecord } from './audit-bookkeeping';
import type { SignedCheckpoint } from './checkpoint';
import { MarkerConflictError } from './errors';
import { HASH_BYTES } from './merkle/hashes';
import type { SubtreeId } from './merkle/ranges';
import { subtreeFromTiles, tileName, tilesFor, type TileId, type Tiles } from './merkle/tiles';
import { mapWithConcurrency } from './s3-objects';

/** A checkpoint as the table records it (the archive holds the same bytes under `key`). */
export interface CheckpointRecord {
  key: string;
  /** SHA-256 (hex) of the stored bytes: what the next checkpoint links to. */
  sha256: string;
  checkpoint: SignedCheckpoint;
}

/** The tree's head: how many leaves it holds, its root, and the checkpoint that signs them. */
export interface TreeHead {
  size: number;
  rootHash: string;
  checkpoint: { key: string; sha256: string };
}

/** Where an event sits in the tree. */
export interface LeafRecord {
  eventId: string;
  seq: number;
  /** The archived object holding the event. */
  objectKey: string;
}

export interface AuditTreeStoreOptions {
  documents: DynamoDBDocumentClient;
  tableName: string;
}

/** A tenant's Merkle tree in the table: head, tiles, checkpoints and the event-id index. */
export interface AuditTreeStore {
  head(tenantId: string): Promise<TreeHead | null>;
  /** Reads the tiles the subtrees need (one or two per tile level for a proof) and gives each subtree's hash. */
  subtrees(tenantId: string, ids: readonly SubtreeId[]): Promise<(id: SubtreeId) => Buffer>;
  /** The given tiles, as stored (absent ones left out). */
  tiles(tenantId: string, ids: readonly TileId[]): Promise<Tiles>;
  /** Writes tiles and leaf records. Idempotent: their content follows from the archive, so a retry writes the same. */
  putTilesAndLeaves(tenantId: string, tiles: Iterable<{ tile: TileId; entries: Buffer[] }>, leaves: readonly LeafRecord[]): Promise<void>;
  /**
   * Records a checkpoint and moves the head to it, in one transaction that fails with
   * {@link MarkerConflictError} if the head moved since `previous`.
   */
  commitCheckpoint(tenantId: string, record: CheckpointRecord, previous: TreeHead | null): Promise<void>;
  /** Checkpoints newest first, below `beforeSize` when given, and whether more follow. */
  checkpoints(tenantId: string, page: { limit: number; beforeSize?: number }): Promise<{ items: CheckpointRecord[]; nextBeforeSize: number | null }>;
  checkpointAt(tenantId: string, treeSize: number): Promise<CheckpointRecord | null>;
  leaf(tenantId: string, eventId: string): Promise<LeafRecord | null>;
  /** The archived object records from `fromSeq` on, in seq order, at most `limit`. */
  objectsFrom(tenantId: string, fromSeq: number, limit: number): Promise<ArchivedObjectRecord[]>;
  /** Whether the table holds an event with this id (pending, or integrated and not yet in the tree). */
  hasEvent(tenantId: string, eventId: string): Promise<boolean>;
}

const BATCH_WRITE = 25;
const BATCH_GET = 100;
const WRITES_IN_FLIGHT = 4;

export function createAuditTreeStore({ documents, tableName }: AuditTreeStoreOptions): AuditTreeStore {
  const get = async (key: { pk: string; sk: string }, consistent = true) =>
    (await documents.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: consistent }))).Item;

  async function batchWrite(items: Record<string, unknown>[]): Promise<void> {
    const batches: Record<string, unknown>[][] = [];
    for (let start = 0; start < items.length; start += BATCH_WRITE) batches.push(items.slice(start, start + BATCH_WRITE));
    await mapWithConcurrency(batches, WRITES_IN_FLIGHT, async (batch) => {
      let requests: unknown[] = batch.map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; requests.length > 0; attempt += 1) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(50 * 2 ** attempt, 2_000)));
        const result = await documents.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests as never } }));
        requests = result.UnprocessedItems?.[tableName] ?? [];
      }
    });
  }

  async function tiles(tenantId: string, ids: readonly TileId[]): Promise<Tiles> {
    const found: Tiles = new Map();
    for (let start = 0; start < ids.length; start += BATCH_GET) {
      let wanted: Array<Record<string, unknown>> = ids.slice(start, start + BATCH_GET).map(({ level, index }) => ({ ...keys.auditTreeTile(tenantId, level, index) }));
      for (let attempt = 0; wanted.length > 0; attempt += 1) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(50 * 2 ** attempt, 2_000)));
        const result = await documents.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: wanted, ConsistentRead: true } } }));
        for (const item of result.Responses?.[tableName] ?? []) {
          const bytes = Buffer.from(item.hashes as Uint8Array);
          const entries: Buffer[] = [];
          for (let offset = 0; offset + HASH_BYTES <= bytes.length; offset += HASH_BYTES) entries.push(bytes.subarray(offset, offset + HASH_BYTES));
          found.set(tileName({ level: item.level as number, index: item.index as number }), entries);
        }
        wanted = (result.UnprocessedKeys?.[tableName]?.Keys as Array<Record<string, unknown>> | undefined) ?? [];
      }
    }
    return found;
  }

  const checkpointOf = (item: Record<string, unknown>): CheckpointRecord => ({
    key: item.key as string,
    sha256: item.sha256 as string,
    checkpoint: JSON.parse(item.checkpoint as string) as SignedCheckpoint,
  });

  return {
    async head(tenantId) {
      const item = await get(keys.auditTree(tenantId));
      return item ? { size: item.size as number, rootHash: item.rootHash as string, checkpoint: { key: item.checkpointKey as string, sha256: item.checkpointSha256 as string } } : null;
    },

    tiles,

    async subtrees(tenantId, ids) {
      const found = await tiles(tenantId, tilesFor(ids));
      return (id) => subtreeFromTiles(id, found);
    },

    async putTilesAndLeaves(tenantId, changed, leaves) {
      const tileItems = [...changed].map(({ tile, entries }) => ({
        ...keys.auditTreeTile(tenantId, tile.level, tile.index),
        entity: 'audit-tree-tile',
        tenantId,
        level: tile.level,
        index: tile.index,
        hashes: Buffer.concat(entries),
      }));
      const leafItems = leaves.map((leaf) => ({ ...keys.auditLeaf(tenantId, leaf.eventId), entity: 'audit-leaf', tenantId, ...leaf }));
      await batchWrite([...leafItems, ...tileItems]);
    },

    async commitCheckpoint(tenantId, record, previous) {
      const { checkpoint } = record;
      try {
        await documents.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: tableName,
                  Item: {
                    ...keys.auditTree(tenantId),
                    entity: 'audit-tree',
                    tenantId,
                    size: checkpoint.treeSize,
                    rootHash: checkpoint.rootHash,
                    checkpointKey: record.key,
                    checkpointSha256: record.sha256,
                    updatedAt: checkpoint.createdAt,
                  },
                  ...(previous === null
                    ? { ConditionExpression: 'attribute_not_exists(pk)' }
                    : { ConditionExpression: '#size = :previous', ExpressionAttributeNames: { '#size': 'size' }, ExpressionAttributeValues: { ':previous': previous.size } }),
                },
              },
              {
                Put: {
                  TableName: tableName,
                  Item: {
                    ...keys.auditCheckpoint(tenantId, checkpoint.treeSize),
                    entity: 'audit-checkpoint',
                    tenantId,
                    treeSize: checkpoint.treeSize,
                    createdAt: checkpoint.createdAt,
                    key: record.key,
                    sha256: record.sha256,
                    checkpoint: JSON.stringify(checkpoint),
                  },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
            ],
          }),
        );
      } catch (error) {
        if (error instanceof TransactionCanceledException && error.CancellationReasons?.some((reason) => reason.Code === 'ConditionalCheckFailed')) {
          throw new MarkerConflictError(tenantId, 'checkpointed', previous?.size ?? 0, { cause: error });
        }
        throw error;
      }
    },

    async checkpoints(tenantId, { limit, beforeSize }) {
      const { pk } = keys.auditTree(tenantId);
      const upper = beforeSize === undefined ? `${keys.auditCheckpointPrefix}~` : keys.auditCheckpointSortKey(beforeSize);
      const page = await documents.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :first AND :upper',
          ExpressionAttributeValues: { ':pk': pk, ':first': keys.auditCheckpointPrefix, ':upper': upper },
          ScanIndexForward: false,
          Limit: limit + 1,
        }),
      );
      const items = (page.Items ?? []).filter((item) => beforeSize === undefined || (item.treeSize as number) < beforeSize).map(checkpointOf);
      const more = items.length > limit;
      const shown = items.slice(0, limit);
      return { items: shown, nextBeforeSize: more ? shown.at(-1)!.checkpoint.treeSize : null };
    },

    async checkpointAt(tenantId, treeSize) {
      const item = await get(keys.auditCheckpoint(tenantId, treeSize), false);
      return item ? checkpointOf(item) : null;
    },

    async leaf(tenantId, eventId) {
      const item = await get(keys.auditLeaf(tenantId, eventId), false);
      // The key is built from the caller's tenant, so another tenant's event is simply not found; the check is belt and braces.
      if (!item || item.tenantId !== tenantId) return null;
      return { eventId: item.eventId as string, seq: item.seq as number, objectKey: item.objectKey as string };
    },

    async objectsFrom(tenantId, fromSeq, limit) {
      const page = await documents.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :first AND :last',
          ExpressionAttributeValues: { ':pk': keys.auditPartition(tenantId).pk, ':first': keys.auditObjectSortKey(fromSeq), ':last': 'OBJECT#~' },
          ConsistentRead: true,
          Limit: limit,
        }),
      );
      return (page.Items ?? []).map((item) => recordOf<ArchivedObjectRecord>(item));
    },

    async hasEvent(tenantId, eventId) {
      const { Item } = await documents.send(
        new GetCommand({ TableName: tableName, Key: keys.auditEvent(tenantId, eventId), ProjectionExpression: 'eventId', ConsistentRead: true }),
      );
      return Item !== undefined;
    },
  };
}
