import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ChurnLevel, CustomerPartition, CustomerScores, CustomerScoresRepository, Page, RfmScore, TicketSnapshot } from '@rapport/domain';
import type { TableOptions } from './contact-repository';
import { recordOf } from './items';
import { keys } from './keys';

const SCORES_ENTITY = 'customer-scores';
const PREFIX = { transaction: 'TXN#', feedback: 'FEEDBACK#', behaviour: 'BEHAVIOUR#', ticket: 'TICKET#' } as const;

/** The scores item: its key, the tenant's scores listing (gsi1) and its churn level's listing (gsi2). */
export function customerScoresItem(tenantId: string, scores: CustomerScores): Record<string, unknown> {
  return {
    ...keys.customerScores(tenantId, scores.contactId),
    ...keys.customerScoresListing(tenantId, scores.contactId),
    ...keys.churnListing(tenantId, scores.churnRisk.level, scores.churnRisk.score, scores.contactId),
    entity: SCORES_ENTITY,
    ...scores,
  };
}

/**
 * The insights job's reads and writes in the contacts' partitions of one tenant: one Query per
 * contact, and the scores item beside its profile (written only while the profile exists, so a
 * contact deleted during a run leaves no scores behind).
 */
export class DynamoCustomerScoresRepository implements CustomerScoresRepository {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;
  readonly #tenantId: string;

  constructor(options: TableOptions, tenantId: string) {
    this.#client = options.client;
    this.#tableName = options.tableName;
    this.#tenantId = tenantId;
  }

  async contactIds({ limit, afterId }: { limit: number; afterId?: string }): Promise<Page<string>> {
    const { Items = [], LastEvaluatedKey } = await this.#client.send(
      new QueryCommand({
        TableName: this.#tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :listing',
        ExpressionAttributeValues: { ':listing': keys.contactListing(this.#tenantId).gsi1pk },
        ProjectionExpression: 'id',
        Limit: limit,
        ...(afterId === undefined ? {} : { ExclusiveStartKey: { ...keys.contact(this.#tenantId, afterId), ...keys.contactListing(this.#tenantId, afterId) } }),
      }),
    );
    const ids = Items.map((item) => String(item.id));
    return { items: ids, lastId: LastEvaluatedKey && ids.length > 0 ? ids.at(-1)! : null };
  }

  async partition(contactId: string, { behaviourSince }: { behaviourSince: string }): Promise<CustomerPartition | null> {
    const partition: CustomerPartition = { contactId, ownerId: '', transactions: [], feedback: [], behaviour: [], tickets: [], previous: null };
    let found = false;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.#client.send(
        new QueryCommand({
          TableName: this.#tableName,
          KeyConditionExpression: 'pk = :pk',
          // The timeline is not read; behaviour only for the trend's two windows.
          FilterExpression: '#entity <> :interaction AND (#entity <> :behaviour OR #day >= :since)',
          ExpressionAttributeNames: { '#entity': 'entity', '#day': 'day' },
          ExpressionAttributeValues: {
            ':pk': keys.contactPartition(this.#tenantId, contactId).pk,
            ':interaction': 'interaction',
            ':behaviour': 'behaviour-day',
            ':since': behaviourSince,
          },
          ConsistentRead: true,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      for (const item of page.Items ?? []) {
        const sk = String(item.sk);
        if (sk === keys.contact(this.#tenantId, contactId).sk) {
          found = true;
          partition.ownerId = String(item.ownerId);
        } else if (sk === keys.customerScores(this.#tenantId, contactId).sk) partition.previous = recordOf<CustomerScores>(item);
        else if (sk.startsWith(PREFIX.transaction)) {
          partition.transactions.push({
            time: String(item.time),
            currency: String(item.currency),
            amountMinor: Number(item.amountMinor),
            items: ((item.items ?? []) as { product: string; quantity: number; unitPrice: string }[]).map((line) => ({ ...line })),
          });
        } else if (sk.startsWith(PREFIX.feedback)) {
          partition.feedback.push({ kind: item.kind as CustomerPartition['feedback'][number]['kind'], createdAt: String(item.createdAt), ...(typeof item.score === 'number' ? { score: item.score } : {}) });
        } else if (sk.startsWith(PREFIX.behaviour)) partition.behaviour.push({ day: String(item.day), pageViews: Number(item.pageViews ?? 0) });
        else if (sk.startsWith(PREFIX.ticket) && item.entity === 'contact-ticket') {
          partition.tickets.push({ status: item.status as TicketSnapshot['status'], createdAt: String(item.createdAt) });
        }
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return found ? partition : null;
  }

  async put(scores: CustomerScores): Promise<boolean> {
    try {
      await this.#client.send(
        new TransactWriteCommand({
          TransactItems: [
            { ConditionCheck: { TableName: this.#tableName, Key: keys.contact(this.#tenantId, scores.contactId), ConditionExpression: 'attribute_exists(pk)' } },
            { Put: { TableName: this.#tableName, Item: customerScoresItem(this.#tenantId, scores) } },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return false;
      throw error;
    }
  }

  async list({ limit, afterId }: { limit: number; afterId?: string }): Promise<Page<CustomerScores>> {
    const { Items = [], LastEvaluatedKey } = await this.#client.send(
      new QueryCommand({
        TableName: this.#tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :listing',
        ExpressionAttributeValues: { ':listing': keys.customerScoresListing(this.#tenantId).gsi1pk },
        Limit: limit,
        ...(afterId === undefined
          ? {}
          : { ExclusiveStartKey: { ...keys.customerScores(this.#tenantId, afterId), ...keys.customerScoresListing(this.#tenantId, afterId) } }),
      }),
    );
    const items = Items.map((item) => recordOf<CustomerScores>(item));
    return { items, lastId: LastEvaluatedKey && items.length > 0 ? items.at(-1)!.contactId : null };
  }

  async setRfm(contactId: string, rfm: (RfmScore & { monetaryMinor: number; currency: string }) | null): Promise<void> {
    const key = keys.customerScores(this.#tenantId, contactId);
    const update = rfm
      ? {
          UpdateExpression: 'SET recency = :r, frequency = :f, monetary = :m, rfm = :rfm, monetaryMinor = :minor, currency = :currency',
          ExpressionAttributeValues: { ':r': rfm.recency, ':f': rfm.frequency, ':m': rfm.monetary, ':rfm': rfm.rfm, ':minor': rfm.monetaryMinor, ':currency': rfm.currency },
        }
      : { UpdateExpression: 'SET monetaryMinor = :zero REMOVE recency, frequency, monetary, rfm, currency', ExpressionAttributeValues: { ':zero': 0 } };
    try {
      await this.#client.send(new UpdateCommand({ TableName: this.#tableName, Key: key, ConditionExpression: 'attribute_exists(pk)', ...update }));
    } catch (error) {
      // The contact (and its partition) went away since the list was read: nothing to score.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async get(contactId: string): Promise<CustomerScores | null> {
    const { Item } = await this.#client.send(new GetCommand({ TableName: this.#tableName, Key: keys.customerScores(this.#tenantId, contactId), ConsistentRead: true }));
    return Item ? recordOf<CustomerScores>(Item) : null;
  }

  async atRisk(level: ChurnLevel, { limit, after, ownerId }: { limit: number; after?: string; ownerId?: string }): Promise<{ items: CustomerScores[]; next: string | null }> {
    const gsi2pk = keys.churnListing(this.#tenantId, level).gsi2pk;
    const items: CustomerScores[] = [];
    let startKey = after === undefined ? undefined : startKeyOf(this.#tenantId, gsi2pk, after);
    // One item more than asked for tells whether a next page exists. With an owner filter a page
    // may come back short; read on until it is full or the listing ends.
    do {
      const page = await this.#client.send(
        new QueryCommand({
          TableName: this.#tableName,
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :level',
          ExpressionAttributeValues: { ':level': gsi2pk, ...(ownerId ? { ':owner': ownerId } : {}) },
          ...(ownerId ? { FilterExpression: 'ownerId = :owner' } : {}),
          ScanIndexForward: false,
          Limit: limit + 1 - items.length,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      for (const item of page.Items ?? []) items.push(recordOf<CustomerScores>(item));
      startKey = page.LastEvaluatedKey;
    } while (startKey && items.length <= limit);
    const more = items.length > limit;
    const shown = items.slice(0, limit);
    return { items: shown, next: more ? churnCursorOf(shown.at(-1)!) : null };
  }
}

/** The position after a listed customer: its sort key in the churn listing. */
function churnCursorOf(scores: CustomerScores): string {
  return keys.churnListing('', scores.churnRisk.level, scores.churnRisk.score, scores.contactId).gsi2sk!;
}

function startKeyOf(tenantId: string, gsi2pk: string, after: string): Record<string, unknown> {
  const contactId = after.slice(after.indexOf('#') + 1);
  return { ...keys.customerScores(tenantId, contactId), gsi2pk, gsi2sk: after };
}
