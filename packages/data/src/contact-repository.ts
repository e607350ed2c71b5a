import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { Contact, ContactChanges, ContactRepository, Page } from '@rapport/domain';
import { conditionFailure, existingItemCondition } from './conditional-write';
import { recordOf } from './items';
import { keys } from './keys';

export interface TableOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
}

/** Contacts of one tenant in the single table. */
export class DynamoContactRepository implements ContactRepository {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;
  readonly #tenantId: string;

  constructor(options: TableOptions, tenantId: string) {
    this.#client = options.client;
    this.#tableName = options.tableName;
    this.#tenantId = tenantId;
  }

  async create(contact: Contact): Promise<void> {
    await this.#client.send(
      new PutCommand({
        TableName: this.#tableName,
        Item: {
          ...keys.contact(this.#tenantId, contact.id),
          ...keys.contactListing(this.#tenantId, contact.id),
          entity: 'contact',
          ...contact,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async get(id: string): Promise<Contact | null> {
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#tableName, Key: keys.contact(this.#tenantId, id), ConsistentRead: true }),
    );
    return Item ? recordOf<Contact>(Item) : null;
  }

  async list({ limit, afterId }: { limit: number; afterId?: string }): Promise<Page<Contact>> {
    const { Items = [], LastEvaluatedKey } = await this.#client.send(
      new QueryCommand({
        TableName: this.#tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :listing',
        ExpressionAttributeValues: { ':listing': keys.contactListing(this.#tenantId).gsi1pk },
        Limit: limit,
        ...(afterId === undefined
          ? {}
          : {
              ExclusiveStartKey: {
                ...keys.contact(this.#tenantId, afterId),
                ...keys.contactListing(this.#tenantId, afterId),
              },
            }),
      }),
    );
    const items = Items.map((item) => recordOf<Contact>(item));
    return { items, lastId: LastEvaluatedKey && items.length > 0 ? items[items.length - 1]!.id : null };
  }

  async update(id: string, changes: ContactChanges & { updatedAt: string; expectedVersion?: number }): Promise<Contact> {
    const names: Record<string, string> = { '#version': 'version', '#updatedAt': 'updatedAt' };
    const guard = existingItemCondition(changes.expectedVersion);
    const values: Record<string, unknown> = { ':one': 1, ':updatedAt': changes.updatedAt, ...guard.values };
    const assignments = ['#updatedAt = :updatedAt'];
    Object.entries(changes.set).forEach(([field, value], index) => {
      names[`#s${index}`] = field;
      values[`:s${index}`] = value;
      assignments.push(`#s${index} = :s${index}`);
    });
    const removals = changes.remove.map((field, index) => {
      names[`#r${index}`] = field;
      return `#r${index}`;
    });
    try {
      const { Attributes } = await this.#client.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: keys.contact(this.#tenantId, id),
          UpdateExpression: `SET ${assignments.join(', ')} ADD #version :one${removals.length ? ` REMOVE ${removals.join(', ')}` : ''}`,
          ConditionExpression: guard.ConditionExpression,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return recordOf<Contact>(Attributes ?? {});
    } catch (error) {
      throw conditionFailure(error, 'contact', id, changes.expectedVersion);
    }
  }

  async delete(id: string, expectedVersion?: number): Promise<void> {
    const guard = existingItemCondition(expectedVersion);
    try {
      await this.#client.send(
        new DeleteCommand({
          TableName: this.#tableName,
          Key: keys.contact(this.#tenantId, id),
          ConditionExpression: guard.ConditionExpression,
          ...(expectedVersion === undefined
            ? {}
            : { ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: guard.values }),
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
    } catch (error) {
      throw conditionFailure(error, 'contact', id, expectedVersion);
    }
  }
}
