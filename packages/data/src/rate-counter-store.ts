import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RateCounter, RateSubject, WindowCounts } from '@rapport/domain';
import { keys } from './keys';

/** How long a minute's counts are kept after the minute ends (DynamoDB TTL deletes them later still). */
const KEEP_SECONDS = 120;

/**
 * Request counts for the rate limits: one item per subject, shard and minute, holding the minute's
 * count and one count per second (`s00`–`s59`), so a request is counted in both windows by one
 * unconditional `ADD` that answers the new counts. No condition, no transaction: concurrent
 * requests never retry each other on it.
 */
export class DynamoRateCounter implements RateCounter {
  constructor(private readonly options: { client: DynamoDBDocumentClient; tableName: string }) {}

  async count(subject: RateSubject, shard: number, at: Date): Promise<WindowCounts> {
    const { Attributes } = await this.#add(subject, shard, at, 1, 'UPDATED_NEW');
    return { minute: Number(Attributes?.total ?? 0), second: Number(Attributes?.[secondOf(at)] ?? 0) };
  }

  async uncount(subject: RateSubject, shard: number, at: Date): Promise<void> {
    await this.#add(subject, shard, at, -1, 'NONE');
  }

  #add(subject: RateSubject, shard: number, at: Date, by: number, returnValues: 'UPDATED_NEW' | 'NONE') {
    const minuteStart = Math.floor(at.getTime() / 60_000) * 60_000;
    return this.options.client.send(
      new UpdateCommand({
        TableName: this.options.tableName,
        Key: keys.rateCounter(subject, shard, new Date(minuteStart).toISOString().slice(0, 16)),
        UpdateExpression: 'ADD #total :by, #second :by SET expiresAt = :expires, entity = :entity',
        ExpressionAttributeNames: { '#total': 'total', '#second': secondOf(at) },
        ExpressionAttributeValues: { ':by': by, ':expires': Math.ceil(minuteStart / 1000) + 60 + KEEP_SECONDS, ':entity': 'rate-counter' },
        ReturnValues: returnValues,
      }),
    );
  }
}

const secondOf = (at: Date) => `s${String(at.getUTCSeconds()).padStart(2, '0')}`;
