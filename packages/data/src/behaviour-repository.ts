import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { BehaviourRepository, StoredBehaviourEvent } from '@rapport/domain';
import type { TableOptions } from './contact-repository';
import { keys } from './keys';

/** Raw events are kept this long; the daily totals in the contact's partition keep the long view. */
export const RAW_BEHAVIOUR_DAYS = 30;
/** Events written at once: enough to fill a batch quickly, few enough not to flood the table. */
const CONCURRENCY = 16;

/**
 * Behaviour of one tenant. Each event is one small transaction: the raw event, conditional on its
 * id being new, and the increment of its customer's day. A resent event fails the condition and
 * so is never counted twice.
 */
export class DynamoBehaviourRepository implements BehaviourRepository {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;
  readonly #tenantId: string;

  constructor(options: TableOptions, tenantId: string) {
    this.#client = options.client;
    this.#tableName = options.tableName;
    this.#tenantId = tenantId;
  }

  async existingContacts(contactIds: string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (let start = 0; start < contactIds.length; start += 100) {
      let request: Record<string, unknown>[] = contactIds.slice(start, start + 100).map((id) => ({ ...keys.contact(this.#tenantId, id) }));
      while (request.length > 0) {
        const result = await this.#client.send(
          new BatchGetCommand({ RequestItems: { [this.#tableName]: { Keys: request, ProjectionExpression: 'id' } } }),
        );
        for (const item of result.Responses?.[this.#tableName] ?? []) found.add(String(item.id));
        request = (result.UnprocessedKeys?.[this.#tableName]?.Keys ?? []) as Record<string, unknown>[];
      }
    }
    return found;
  }

  async contactsByEmailIndex(emailIndex: string): Promise<string[]> {
    const { Items = [] } = await this.#client.send(
      new QueryCommand({
        TableName: this.#tableName,
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :index',
        ExpressionAttributeValues: { ':index': keys.contactByEmail(this.#tenantId, emailIndex).gsi3pk },
        Limit: 10,
      }),
    );
    return Items.map((item) => String(item.gsi3sk));
  }

  async record(events: StoredBehaviourEvent[]): Promise<number> {
    let fresh = 0;
    let next = 0;
    const worker = async () => {
      while (next < events.length) {
        if (await this.#recordOne(events[next++]!)) fresh++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, events.length) }, worker));
    return fresh;
  }

  async #recordOne(event: StoredBehaviourEvent): Promise<boolean> {
    const expiresAt = Math.floor(Date.parse(event.occurredAt) / 1000) + RAW_BEHAVIOUR_DAYS * 86_400;
    try {
      await this.#client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.#tableName,
                Item: { ...keys.rawBehaviourEvent(this.#tenantId, event.day, event.contactId, event.eventId), entity: 'behaviour-event', ...event, expiresAt },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Update: {
                TableName: this.#tableName,
                Key: keys.contactBehaviourDay(this.#tenantId, event.contactId, event.day),
                UpdateExpression: 'SET entity = :entity, contactId = :contactId, #day = :day ADD pageViews :views, clicks :clicks, dwellSeconds :dwell',
                ExpressionAttributeNames: { '#day': 'day' },
                ExpressionAttributeValues: {
                  ':entity': 'behaviour-day',
                  ':contactId': event.contactId,
                  ':day': event.day,
                  ':views': event.type === 'page_view' ? 1 : 0,
                  ':clicks': event.type === 'click' ? 1 : 0,
                  ':dwell': event.durationSeconds ?? 0,
                },
              },
            },
          ],
        }),
      );
      return true;
    } catch (error) {
      const duplicate = error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed';
      if (duplicate) return false;
      throw error;
    }
  }
}
