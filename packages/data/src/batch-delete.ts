import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { PrimaryKey } from './keys';

/** BatchWriteItem's limit. */
const BATCH = 25;

/** Deletes items by key in batches, retrying (with backoff) what DynamoDB leaves unprocessed. */
export async function batchDelete(client: DynamoDBDocumentClient, tableName: string, itemKeys: PrimaryKey[]): Promise<number> {
  for (let start = 0; start < itemKeys.length; start += BATCH) {
    let requests = itemKeys.slice(start, start + BATCH).map((key) => ({ DeleteRequest: { Key: { pk: key.pk, sk: key.sk } } }));
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** attempt)));
      const result = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
      requests = (result.UnprocessedItems?.[tableName] ?? []) as typeof requests;
    }
  }
  return itemKeys.length;
}
