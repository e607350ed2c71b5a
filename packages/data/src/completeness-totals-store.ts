import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { COMPLETENESS_FIELDS, type Clock, type CompletenessBatch, type CompletenessTotals, type CompletenessTotalsStore } from '@rapport/domain';
import type { TableOptions } from './contact-repository';
import { keys } from './keys';
import { lostRace } from './transaction-cancelled';

/** The stored attribute counting the contacts that have `field`. */
const filledAttribute = (field: string) => `filled_${field}`;

/**
 * How long a delivery's marker is kept: past the stream's 24-hour retention, so a batch delivered
 * again however late is still recognised.
 */
export const COMPLETENESS_MARKER_DAYS = 7;

/**
 * The workspace completeness totals, written by the stream projector only: each delivery adds its
 * tenant's summed delta to the one shard its first record's sequence number hashes to (concurrent
 * deliveries, from different stream shards, rarely meet on one item), together with the delivery's
 * marker in the same partition, on the condition that the marker has not seen those records yet.
 */
export class DynamoCompletenessTotalsStore implements CompletenessTotalsStore {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;
  readonly #clock: Clock;

  constructor(options: TableOptions & { clock: Clock }) {
    this.#client = options.client;
    this.#tableName = options.tableName;
    this.#clock = options.clock;
  }

  async apply(tenantId: string, batch: CompletenessBatch): Promise<boolean> {
    const moves = ([
      ['contacts', batch.delta.contacts],
      ['scoreSum', batch.delta.scoreSum],
      ...COMPLETENESS_FIELDS.map((field): [string, number] => [filledAttribute(field), batch.delta.filled[field]]),
    ] as [string, number][]).filter(([, by]) => by !== 0);
    const expiresAt = Math.floor(this.#clock.now().getTime() / 1000) + COMPLETENESS_MARKER_DAYS * 86_400;
    try {
      await this.#client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.#tableName,
                Key: keys.contactCompletenessBatch(tenantId, batch.id),
                UpdateExpression: 'SET #entity = :entity, #through = :through, #expiresAt = :expiresAt',
                // Strings of one length compare as the sequence numbers they pad.
                ConditionExpression: 'attribute_not_exists(#through) OR #through < :from',
                ExpressionAttributeNames: { '#entity': 'entity', '#through': 'through', '#expiresAt': 'expiresAt' },
                ExpressionAttributeValues: { ':entity': 'contact-completeness-batch', ':through': batch.through, ':from': batch.from, ':expiresAt': expiresAt },
              },
            },
            {
              Update: {
                TableName: this.#tableName,
                Key: keys.contactCompleteness(tenantId, batch.id),
                UpdateExpression: `SET #entity = :entity ADD ${moves.map((_, i) => `#a${i} :v${i}`).join(', ')}`,
                ExpressionAttributeNames: { '#entity': 'entity', ...Object.fromEntries(moves.map(([name], i) => [`#a${i}`, name])) },
                ExpressionAttributeValues: { ':entity': 'contact-completeness', ...Object.fromEntries(moves.map(([, by], i) => [`:v${i}`, by])) },
              },
            },
          ],
        }),
      );
      return true;
    } catch (error) {
      // The marker has seen these records, or another delivery moved the shard at the same moment:
      // the projector reads the marker and tries again.
      if (lostRace(error)) return false;
      throw error;
    }
  }

  async appliedThrough(tenantId: string, batchId: string): Promise<string | undefined> {
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#tableName, Key: keys.contactCompletenessBatch(tenantId, batchId), ConsistentRead: true, ProjectionExpression: 'through' }),
    );
    return typeof Item?.through === 'string' ? Item.through : undefined;
  }
}

/** The totals as stored: the sum of the shards found (all zero before the first contact). */
export function completenessTotalsOf(items: readonly Record<string, unknown>[]): CompletenessTotals {
  const number = (name: string) => items.reduce((sum, item) => sum + Number(item[name] ?? 0), 0);
  return {
    contacts: number('contacts'),
    scoreSum: number('scoreSum'),
    filled: Object.fromEntries(COMPLETENESS_FIELDS.map((field) => [field, number(filledAttribute(field))])) as CompletenessTotals['filled'],
  };
}
