import type { TransactItem } from './audited-writer';
import { keys, type WorkspaceCountKind } from './keys';

/**
 * A workspace's count of one kind of thing it may hold only so many of (custom roles, ingest keys),
 * moved in the same transaction as the thing itself: the bound holds under concurrent creates,
 * which a count read before the write would not. Workspaces from before the count start it at 0.
 */
export const countOneMore = (tableName: string, tenantId: string, kind: WorkspaceCountKind, limit: number): TransactItem => ({
  Update: {
    TableName: tableName,
    Key: keys.workspaceCount(tenantId, kind),
    UpdateExpression: 'ADD #count :one SET entity = :entity',
    ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
    ExpressionAttributeNames: { '#count': 'count' },
    ExpressionAttributeValues: { ':one': 1, ':limit': limit, ':entity': 'workspace-count' },
  },
});

export const countOneLess = (tableName: string, tenantId: string, kind: WorkspaceCountKind): TransactItem => ({
  Update: {
    TableName: tableName,
    Key: keys.workspaceCount(tenantId, kind),
    UpdateExpression: 'ADD #count :minusOne',
    ExpressionAttributeNames: { '#count': 'count' },
    ExpressionAttributeValues: { ':minusOne': -1 },
  },
});
