import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  METRIC_FAMILIES,
  type AnalyticsProjectionStore,
  type AnalyticsReader,
  type Cell,
  type Clock,
  type ContactAnalyticsState,
  type MetricFamily,
  type ProjectionCommit,
  type SourceKey,
  type SourceMarker,
} from '@rapport/domain';
import type { TableOptions } from './contact-repository';
import { keys } from './keys';
import { queryAll } from './query-all';
import { lostRace } from './transaction-cancelled';

/** The `entity` of the analytics' own items: never one the analytics' stream filter takes in. */
export const ANALYTICS_ENTITIES = { cell: 'analytics-cell', contact: 'analytics-contact', source: 'analytics-source' } as const;

/**
 * How long state of a record that is gone is kept: past the stream's 24-hour retention, so a
 * record delivered again after its source was deleted is still recognised as old.
 */
export const ANALYTICS_TOMBSTONE_DAYS = 7;

/** DynamoDB's limit on one transaction's items. */
const TRANSACTION_LIMIT = 100;

const FAMILY_OF_CODE = Object.fromEntries(Object.entries(METRIC_FAMILIES).map(([family, code]) => [code, family])) as Record<string, MetricFamily>;

/**
 * The analytics' items: aggregate cells (counters moved by ADD, so concurrent changes never lose
 * a count) and the projector's state, written together in one transaction on the condition that
 * the state is still at the version it was read at.
 */
export class DynamoAnalyticsStore implements AnalyticsProjectionStore, AnalyticsReader {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;
  readonly #clock: Clock;

  constructor(options: TableOptions & { clock: Clock }) {
    this.#client = options.client;
    this.#tableName = options.tableName;
    this.#clock = options.clock;
  }

  async marker(tenantId: string, source: SourceKey): Promise<SourceMarker | null> {
    const item = await this.#get(keys.analyticsSourceMarker(tenantId, source));
    return item ? { sequence: String(item.sequence), version: Number(item.version), facts: item.facts ?? null } : null;
  }

  async contactState(tenantId: string, contactId: string): Promise<ContactAnalyticsState | null> {
    const item = await this.#get(keys.analyticsContactState(tenantId, contactId));
    if (!item) return null;
    return {
      contactId,
      version: Number(item.version),
      ...(item.profileSequence ? { profileSequence: String(item.profileSequence) } : {}),
      profile: (item.profile ?? null) as ContactAnalyticsState['profile'],
      slices: (item.slices ?? null) as ContactAnalyticsState['slices'],
      book: (item.book ?? {}) as ContactAnalyticsState['book'],
    };
  }

  async commit(tenantId: string, commit: ProjectionCommit): Promise<boolean> {
    const tombstoneUntil = Math.floor(this.#clock.now().getTime() / 1000) + ANALYTICS_TOMBSTONE_DAYS * 86_400;
    const versioned = (expected: number | null) =>
      expected === null
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': expected } };
    const items: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']> = [];
    if (commit.marker) {
      const { next } = commit.marker;
      items.push({
        Put: {
          TableName: this.#tableName,
          Item: {
            ...keys.analyticsSourceMarker(tenantId, commit.marker.source),
            entity: ANALYTICS_ENTITIES.source,
            sequence: next.sequence,
            version: next.version,
            facts: next.facts,
            ...(next.facts === null ? { expiresAt: tombstoneUntil } : {}),
          },
          ...versioned(commit.marker.expectedVersion),
        },
      });
    }
    if (commit.contact) {
      const { next } = commit.contact;
      const gone = next.profile === null && Object.keys(next.book).length === 0;
      items.push({
        Put: {
          TableName: this.#tableName,
          Item: { ...keys.analyticsContactState(tenantId, next.contactId), entity: ANALYTICS_ENTITIES.contact, ...next, ...(gone ? { expiresAt: tombstoneUntil } : {}) },
          ...versioned(commit.contact.expectedVersion),
        },
      });
    }
    for (const { cell, counts } of commit.counters.values()) items.push({ Update: this.#cellUpdate(tenantId, cell, counts) });
    if (items.length > TRANSACTION_LIMIT) {
      // A contact with years of orders changing region at once; failing leaves it for the dead-letter queue rather than half-moved.
      throw new Error(`An analytics change moves ${items.length} items, more than one transaction holds`);
    }
    try {
      await this.#client.send(new TransactWriteCommand({ TransactItems: items }));
      return true;
    } catch (error) {
      if (lostRace(error)) return false;
      throw error;
    }
  }

  async cells(tenantId: string, family: MetricFamily, dimension: Cell['dimension'], from: string, to: string) {
    const range = keys.analyticsCellRange(tenantId, METRIC_FAMILIES[family], dimension, from, to);
    const items = await queryAll(this.#client, {
      TableName: this.#tableName,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :start AND :end',
      ExpressionAttributeValues: { ':pk': range.pk, ':start': range.start, ':end': range.end },
    });
    return items.map((item) => {
      const { pk: _pk, sk: _sk, entity: _entity, family: code, dimension: storedDimension, month, value, ...counts } = item;
      return {
        cell: { family: FAMILY_OF_CODE[String(code)] ?? family, dimension: storedDimension as Cell['dimension'], month: String(month), value: String(value) },
        counts: counts as Record<string, number>,
      };
    });
  }

  /** ADD each counter; the cell's own attributes are set so a read needs no parsing of its key. */
  #cellUpdate(tenantId: string, cell: Cell, counts: Record<string, number>) {
    const names: Record<string, string> = { '#entity': 'entity', '#family': 'family', '#dimension': 'dimension', '#month': 'month', '#value': 'value' };
    const values: Record<string, unknown> = {
      ':entity': ANALYTICS_ENTITIES.cell,
      ':family': METRIC_FAMILIES[cell.family],
      ':dimension': cell.dimension,
      ':month': cell.month,
      ':value': cell.value,
    };
    const adds = Object.entries(counts).map(([name, amount], index) => {
      names[`#c${index}`] = name;
      values[`:c${index}`] = amount;
      return `#c${index} :c${index}`;
    });
    return {
      TableName: this.#tableName,
      Key: keys.analyticsCell(tenantId, { family: METRIC_FAMILIES[cell.family], dimension: cell.dimension, month: cell.month, value: cell.value }),
      UpdateExpression: `SET #entity = :entity, #family = :family, #dimension = :dimension, #month = :month, #value = :value ADD ${adds.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    };
  }

  async #get(key: { pk: string; sk: string }) {
    const { Item } = await this.#client.send(new GetCommand({ TableName: this.#tableName, Key: key, ConsistentRead: true }));
    return Item;
  }
}
