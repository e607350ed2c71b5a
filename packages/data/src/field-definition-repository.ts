import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  FieldKeyTakenError,
  FieldLimitReachedError,
  MAX_FIELD_DEFINITIONS,
  type Audited,
  type FieldDefinition,
  type FieldDefinitionRepository,
  type Page,
} from '@rapport/domain';
import { AuditedWriter, ChangeConditionFailedError, staleOrMissing } from './audited-writer';
import type { TableOptions } from './contact-repository';
import { recordOf } from './items';
import { keys } from './keys';
import { queryAll } from './query-all';

/**
 * Custom field definitions of one tenant, in its fields partition (see keys.ts). A create moves
 * three items in its transaction: the definition, the claim of its key on its entity, and the
 * counter that bounds how many there are; a delete moves them back.
 */
export class DynamoFieldDefinitionRepository implements FieldDefinitionRepository {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;
  readonly #tenantId: string;
  readonly #writer: AuditedWriter;

  constructor(options: TableOptions & { writer: AuditedWriter }, tenantId: string) {
    this.#client = options.client;
    this.#tableName = options.tableName;
    this.#writer = options.writer;
    this.#tenantId = tenantId;
  }

  async listAll(): Promise<FieldDefinition[]> {
    const items = await queryAll(this.#client, this.#definitionsQuery());
    return items.map(definitionOf);
  }

  async list({ limit, afterId }: { limit: number; afterId?: string }): Promise<Page<FieldDefinition>> {
    const { Items = [], LastEvaluatedKey } = await this.#client.send(
      new QueryCommand({
        ...this.#definitionsQuery(),
        Limit: limit,
        ...(afterId === undefined ? {} : { ExclusiveStartKey: keys.fieldDefinition(this.#tenantId, afterId) }),
      }),
    );
    const items = Items.map(definitionOf);
    return { items, lastId: LastEvaluatedKey && items.length > 0 ? items[items.length - 1]!.id : null };
  }

  async get(id: string): Promise<FieldDefinition | null> {
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#tableName, Key: keys.fieldDefinition(this.#tenantId, id), ConsistentRead: true }),
    );
    return Item ? definitionOf(Item) : null;
  }

  async create(definition: FieldDefinition, audit: Audited): Promise<void> {
    try {
      await this.#writer.write(this.#tenantId, audit.context, audit.entry, [
        {
          Put: {
            TableName: this.#tableName,
            Item: this.#item(definition),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Put: {
            TableName: this.#tableName,
            Item: { ...keys.fieldKey(this.#tenantId, definition.entity, definition.key), entity: 'field-key', fieldId: definition.id },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Update: {
            TableName: this.#tableName,
            Key: keys.fieldCounter(this.#tenantId),
            UpdateExpression: 'ADD #count :one',
            ConditionExpression: 'attribute_not_exists(#count) OR #count < :max',
            ExpressionAttributeNames: { '#count': 'definitions' },
            ExpressionAttributeValues: { ':one': 1, ':max': MAX_FIELD_DEFINITIONS },
          },
        },
      ]);
    } catch (error) {
      if (error instanceof ChangeConditionFailedError && error.index === 1) throw new FieldKeyTakenError(definition.entity, definition.key);
      if (error instanceof ChangeConditionFailedError && error.index === 2) throw new FieldLimitReachedError(MAX_FIELD_DEFINITIONS);
      throw error;
    }
  }

  async replace(next: FieldDefinition, previous: FieldDefinition, audit: Audited): Promise<void> {
    try {
      await this.#writer.write(this.#tenantId, audit.context, audit.entry, [
        {
          Put: {
            TableName: this.#tableName,
            Item: this.#item(next),
            ConditionExpression: '#version = :expected',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':expected': previous.version },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
      ]);
    } catch (error) {
      throw staleOrMissing(error, 'field', next.id, previous.version);
    }
  }

  async delete(definition: FieldDefinition, expectedVersion: number | undefined, audit: Audited): Promise<void> {
    try {
      await this.#writer.write(this.#tenantId, audit.context, audit.entry, [
        {
          Delete: {
            TableName: this.#tableName,
            Key: keys.fieldDefinition(this.#tenantId, definition.id),
            ConditionExpression: `attribute_exists(pk)${expectedVersion === undefined ? '' : ' AND #version = :expected'}`,
            ...(expectedVersion === undefined
              ? {}
              : { ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':expected': expectedVersion } }),
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
        { Delete: { TableName: this.#tableName, Key: keys.fieldKey(this.#tenantId, definition.entity, definition.key) } },
        {
          Update: {
            TableName: this.#tableName,
            Key: keys.fieldCounter(this.#tenantId),
            UpdateExpression: 'ADD #count :minusOne',
            ExpressionAttributeNames: { '#count': 'definitions' },
            ExpressionAttributeValues: { ':minusOne': -1 },
          },
        },
      ]);
    } catch (error) {
      throw staleOrMissing(error, 'field', definition.id, expectedVersion);
    }
  }

  /** `entity` is the table's item-type attribute, so the definition's entity is stored as `fieldEntity`. */
  #item(definition: FieldDefinition): Record<string, unknown> {
    const { entity, ...rest } = definition;
    return { ...keys.fieldDefinition(this.#tenantId, definition.id), entity: 'field-definition', ...rest, fieldEntity: entity };
  }

  #definitionsQuery() {
    return {
      TableName: this.#tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :definitions)',
      ExpressionAttributeValues: { ':pk': keys.fieldPartition(this.#tenantId).pk, ':definitions': keys.fieldDefinitionPrefix },
      ConsistentRead: true,
    };
  }
}

function definitionOf(item: Record<string, unknown>): FieldDefinition {
  const { fieldEntity, ...rest } = recordOf<Omit<FieldDefinition, 'entity'> & { fieldEntity: FieldDefinition['entity'] }>(item);
  return { ...rest, entity: fieldEntity };
}

/** A failed version/existence condition: the item as it was tells a stale version from a missing record. */
