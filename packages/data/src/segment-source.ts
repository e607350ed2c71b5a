import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { BehaviourDay, SegmentContact, SegmentDataSource, SegmentScores } from '@rapport/domain';
import type { TableOptions } from './contact-repository';
import { keys } from './keys';
import { queryAll } from './query-all';

/** The clear attributes segment evaluation reads of a profile; ciphertexts are never fetched. */
const CONTACT_ATTRIBUTES = ['id', 'firstName', 'lastName', 'ownerId', 'lifecycleStage', 'region', 'sourceChannel', 'company', 'title', 'tags'];

/**
 * What segment evaluation reads of one tenant: pages of the contact listing (gsi1, projected to
 * clear attributes), the scores listing over the same id range, and per contact one Query for its
 * latest order and one for its behaviour days. Each call reads at most one listing page or one
 * contact's partition range; none scans the table.
 */
export class DynamoSegmentDataSource implements SegmentDataSource {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;
  readonly #tenantId: string;

  constructor(options: TableOptions, tenantId: string) {
    this.#client = options.client;
    this.#tableName = options.tableName;
    this.#tenantId = tenantId;
  }

  async contacts({ afterId, limit, customFieldIds }: { afterId?: string; limit: number; customFieldIds: string[] }): Promise<{ items: SegmentContact[]; lastId: string | null }> {
    // Custom values are stored by field id: only the named ones are projected (`customFields.<id>`).
    const names: Record<string, string> = Object.fromEntries(CONTACT_ATTRIBUTES.map((name, i) => [`#a${i}`, name]));
    const paths = CONTACT_ATTRIBUTES.map((_, i) => `#a${i}`);
    if (customFieldIds.length > 0) names['#custom'] = 'customFields';
    customFieldIds.forEach((id, i) => {
      names[`#f${i}`] = id;
      paths.push(`#custom.#f${i}`);
    });
    const result = await this.#client.send(
      new QueryCommand({
        TableName: this.#tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :listing',
        ExpressionAttributeValues: { ':listing': keys.contactListing(this.#tenantId).gsi1pk },
        ProjectionExpression: paths.join(', '),
        ExpressionAttributeNames: names,
        Limit: limit,
        ...(afterId === undefined ? {} : { ExclusiveStartKey: { ...keys.contact(this.#tenantId, afterId), ...keys.contactListing(this.#tenantId, afterId) } }),
      }),
    );
    const items = (result.Items ?? []) as SegmentContact[];
    return { items, lastId: result.LastEvaluatedKey ? String(result.LastEvaluatedKey.gsi1sk) : null };
  }

  async scoresBetween(firstId: string, lastId: string): Promise<SegmentScores[]> {
    const items = await queryAll(this.#client, {
      TableName: this.#tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :listing AND gsi1sk BETWEEN :first AND :last',
      ExpressionAttributeValues: { ':listing': keys.customerScoresListing(this.#tenantId).gsi1pk, ':first': firstId, ':last': lastId },
      ProjectionExpression: 'contactId, recency, frequency, monetary',
    });
    return items as unknown as SegmentScores[];
  }

  async latestOrderAt(contactId: string): Promise<string | null> {
    const { Items = [] } = await this.#client.send(
      new QueryCommand({
        TableName: this.#tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :orders)',
        ExpressionAttributeValues: { ':pk': keys.contactPartition(this.#tenantId, contactId).pk, ':orders': keys.contactTransactionPrefix },
        ProjectionExpression: '#time',
        ExpressionAttributeNames: { '#time': 'time' },
        ScanIndexForward: false,
        Limit: 1,
      }),
    );
    return Items[0] ? String(Items[0].time) : null;
  }

  async behaviourSince(contactId: string, firstDay: string): Promise<BehaviourDay[]> {
    const items = await queryAll(this.#client, {
      TableName: this.#tableName,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :first AND :last',
      ExpressionAttributeValues: {
        ':pk': keys.contactPartition(this.#tenantId, contactId).pk,
        ':first': keys.contactBehaviourDay(this.#tenantId, contactId, firstDay).sk,
        ':last': keys.contactBehaviourDay(this.#tenantId, contactId, '9999-12-31').sk,
      },
      ProjectionExpression: '#day, pageViews, clicks, dwellSeconds',
      ExpressionAttributeNames: { '#day': 'day' },
    });
    return items as unknown as BehaviourDay[];
  }
}
