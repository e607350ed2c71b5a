import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  NotFoundError,
  type Audited,
  type BehaviourDay,
  type CompanySnapshot,
  type ContactDealSnapshot,
  type ContactCollection,
  type CustomerRecordKind,
  type CustomerRecordOf,
  type CustomerRecordRepository,
  type Page,
  type StoredContact,
} from '@rapport/domain';
import { AuditedWriter, ChangeConditionFailedError } from './audited-writer';
import type { TableOptions } from './contact-repository';
import { recordOf } from './items';
import { keys } from './keys';

/** The sort-key kind of each record kind (keys.ts spells the keys). */
const SORT_KIND = { transaction: 'TXN', interaction: 'INTERACTION', feedback: 'FEEDBACK' } as const satisfies Record<CustomerRecordKind, string>;
/** The `entity` of the daily behaviour items event ingestion writes. */
const BEHAVIOUR_ENTITY = 'behaviour-day';
const ENTITY = { transaction: 'transaction', interaction: 'interaction', feedback: 'feedback' } as const satisfies Record<CustomerRecordKind, string>;

/**
 * Orders, interactions and feedback in their contact's partition (beside the profile, the company
 * snapshot and the behaviour days), so one Query reads a customer's whole collection: the 360 view.
 */
export class DynamoCustomerRecordRepository implements CustomerRecordRepository {
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

  async add<K extends CustomerRecordKind>(kind: K, record: CustomerRecordOf[K], audit: Audited): Promise<void> {
    try {
      await this.#writer.write(this.#tenantId, audit.context, audit.entry, [
        // No record for a contact deleted since it was read: its deletion and this write are serialised.
        {
          ConditionCheck: {
            TableName: this.#tableName,
            Key: keys.contact(this.#tenantId, record.contactId),
            ConditionExpression: 'attribute_exists(pk)',
          },
        },
        {
          Put: {
            TableName: this.#tableName,
            Item: customerRecordItem(this.#tenantId, kind, record),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ]);
    } catch (error) {
      if (error instanceof ChangeConditionFailedError && error.index === 0) throw new NotFoundError('contact', record.contactId, { cause: error });
      throw error;
    }
  }

  async list<K extends CustomerRecordKind>(
    kind: K,
    contactId: string,
    { limit, afterId }: { limit: number; afterId?: string },
  ): Promise<Page<CustomerRecordOf[K]>> {
    const { Items = [], LastEvaluatedKey } = await this.#client.send(
      new QueryCommand({
        TableName: this.#tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :kind)',
        ExpressionAttributeValues: {
          ':pk': keys.contactPartition(this.#tenantId, contactId).pk,
          ':kind': keys.contactRecord(this.#tenantId, contactId, SORT_KIND[kind], '').sk,
        },
        ScanIndexForward: false,
        ConsistentRead: true,
        Limit: limit,
        ...(afterId === undefined ? {} : { ExclusiveStartKey: keys.contactRecord(this.#tenantId, contactId, SORT_KIND[kind], afterId) }),
      }),
    );
    const items = Items.map((item) => recordOf<CustomerRecordOf[K]>(item));
    return { items, lastId: LastEvaluatedKey && items.length > 0 ? items[items.length - 1]!.id : null };
  }

  /**
   * One Query of the contact's partition, every sort key, newest first. Behaviour days before
   * `behaviourSince` are filtered out by DynamoDB (they still count towards the read, not the
   * response). A partition larger than one Query page (1 MB) is read on to its end, so totals stay
   * exact; a customer with that much history is the point at which running totals kept beside the
   * records (in their transactions) should replace reading every order.
   */
  async collection(contactId: string, { behaviourSince }: { behaviourSince: string }): Promise<ContactCollection> {
    const sortKeys = {
      profile: keys.contact(this.#tenantId, contactId).sk,
      company: keys.contactCompany(this.#tenantId, contactId).sk,
      behaviour: keys.contactBehaviourDay(this.#tenantId, contactId, '').sk,
      transaction: keys.contactRecord(this.#tenantId, contactId, SORT_KIND.transaction, '').sk,
      interaction: keys.contactRecord(this.#tenantId, contactId, SORT_KIND.interaction, '').sk,
      feedback: keys.contactRecord(this.#tenantId, contactId, SORT_KIND.feedback, '').sk,
    };
    const collection: ContactCollection = { profile: null, company: null, transactions: [], interactions: [], feedback: [], behaviour: [], deals: [], scores: null };
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.#client.send(
        new QueryCommand({
          TableName: this.#tableName,
          KeyConditionExpression: 'pk = :pk',
          // Keys cannot be filtered on: behaviour days are told by their entity and their `day`.
          FilterExpression: '#entity <> :behaviour OR #day >= :since',
          ExpressionAttributeNames: { '#entity': 'entity', '#day': 'day' },
          ExpressionAttributeValues: { ':pk': keys.contactPartition(this.#tenantId, contactId).pk, ':behaviour': BEHAVIOUR_ENTITY, ':since': behaviourSince },
          ScanIndexForward: false,
          ConsistentRead: true,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      for (const item of page.Items ?? []) {
        const sk = String(item.sk);
        if (sk === sortKeys.profile) collection.profile = recordOf<StoredContact>(item);
        else if (sk === sortKeys.company) collection.company = recordOf<CompanySnapshot & { contactId?: string; companyVersion?: number }>(item);
        else if (sk.startsWith(sortKeys.transaction)) collection.transactions.push(recordOf(item));
        else if (sk.startsWith(sortKeys.interaction)) collection.interactions.push(recordOf(item));
        else if (sk.startsWith(sortKeys.feedback)) collection.feedback.push(recordOf(item));
        else if (sk.startsWith(sortKeys.behaviour)) collection.behaviour.push(behaviourDayOf(item));
        else if (sk.startsWith(keys.contactDealPrefix)) collection.deals.push(dealSnapshotOf(item));
        else if (sk.startsWith(keys.contactTicketPrefix)) (collection.tickets ??= []).push(recordOf(item));
        else if (sk === keys.customerScores(this.#tenantId, contactId).sk) collection.scores = recordOf(item);
        // Anything else is a kind a later issue adds (deals, tickets, scores): not shown until it is mapped here.
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    if (collection.company) collection.company = companyOf(collection.company);
    return collection;
  }
}

function behaviourDayOf(item: Record<string, unknown>): BehaviourDay {
  return { day: String(item.day), pageViews: Number(item.pageViews ?? 0), clicks: Number(item.clicks ?? 0), dwellSeconds: Number(item.dwellSeconds ?? 0) };
}

/** A deal's snapshot as the domain knows it (the item also names its contact). */
function dealSnapshotOf(item: Record<string, unknown>): ContactDealSnapshot {
  const { contactId: _contactId, ...snapshot } = recordOf<ContactDealSnapshot & { contactId?: string }>(item);
  return snapshot;
}

/** The snapshot as the domain knows it (the item also names its contact, and the company version it was refreshed from). */
function companyOf(stored: CompanySnapshot & { contactId?: string; companyVersion?: number }): CompanySnapshot {
  const { contactId: _contactId, companyVersion: _companyVersion, ...snapshot } = stored;
  return snapshot;
}

/** A record's table item in its contact's partition (imports write the same items). */
export function customerRecordItem<K extends CustomerRecordKind>(tenantId: string, kind: K, record: CustomerRecordOf[K]): Record<string, unknown> {
  return { ...keys.contactRecord(tenantId, record.contactId, SORT_KIND[kind], record.id), entity: ENTITY[kind], ...record };
}
