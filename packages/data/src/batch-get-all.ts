import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { PrimaryKey } from './keys';

/** DynamoDB's limit of keys per BatchGetItem. */
const BATCH_GET_KEYS = 100;

/**
 * Every item found under `itemKeys` (absent ones are simply not returned), retrying the keys
 * DynamoDB leaves unprocessed with a short backoff. For small, known sets of keys.
 */
export async function batchGetAll(
  client: DynamoDBDocumentClient,
  tableName: string,
  itemKeys: readonly PrimaryKey[],
  options: { consistentRead?: boolean } = {},
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for (let start = 0; start < itemKeys.length; start += BATCH_GET_KEYS) {
    let request: Record<string, unknown>[] = itemKeys.slice(start, start + BATCH_GET_KEYS).map((key) => ({ pk: key.pk, sk: key.sk }));
    for (let attempt = 0; request.length > 0; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt)));
      const result = await client.send(
        new BatchGetCommand({ RequestItems: { [tableName]: { Keys: request, ...(options.consistentRead ? { ConsistentRead: true } : {}) } } }),
      );
      items.push(...(result.Responses?.[tableName] ?? []));
      request = result.UnprocessedKeys?.[tableName]?.Keys ?? [];
    }
  }
  return items;
}
