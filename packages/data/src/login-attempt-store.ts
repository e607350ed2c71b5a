import { DeleteCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LoginAttemptStore, LoginFailures } from '@rapport/domain';
import { keys } from './keys';

/**
 * Failed log-ins in a row per email digest: one small item per address under attack, expiring
 * (DynamoDB TTL) a window after its last failure. Not shared by a tenant's requests: each address
 * has its own item, and only failed log-ins write it.
 */
export class DynamoLoginAttemptStore implements LoginAttemptStore {
  constructor(private readonly options: { client: DynamoDBDocumentClient; tableName: string }) {}

  async get(emailDigest: string): Promise<LoginFailures | null> {
    const { Item } = await this.options.client.send(new GetCommand({ TableName: this.options.tableName, Key: keys.loginFailures(emailDigest), ConsistentRead: true }));
    return Item ? { failures: Number(Item.failures), lastFailureAt: String(Item.lastFailureAt) } : null;
  }

  async recordFailure(emailDigest: string, at: Date, windowMs: number): Promise<LoginFailures> {
    const lastFailureAt = at.toISOString();
    const expiresAt = Math.ceil((at.getTime() + windowMs) / 1000);
    const staleBefore = new Date(at.getTime() - windowMs).toISOString();
    try {
      // One more in a row, while the last failure is within the window (ADD is atomic: two guesses at once count twice).
      const { Attributes } = await this.options.client.send(
        new UpdateCommand({
          TableName: this.options.tableName,
          Key: keys.loginFailures(emailDigest),
          UpdateExpression: 'ADD failures :one SET lastFailureAt = :at, expiresAt = :expires',
          ConditionExpression: 'attribute_exists(pk) AND lastFailureAt >= :stale',
          ExpressionAttributeValues: { ':one': 1, ':at': lastFailureAt, ':expires': expiresAt, ':stale': staleBefore },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return { failures: Number(Attributes!.failures), lastFailureAt };
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    }
    // None yet, or the last one is older than the window: the count starts again.
    await this.options.client.send(
      new PutCommand({ TableName: this.options.tableName, Item: { ...keys.loginFailures(emailDigest), entity: 'login-failures', failures: 1, lastFailureAt, expiresAt } }),
    );
    return { failures: 1, lastFailureAt };
  }

  async clear(emailDigest: string): Promise<void> {
    await this.options.client.send(new DeleteCommand({ TableName: this.options.tableName, Key: keys.loginFailures(emailDigest) }));
  }
}
