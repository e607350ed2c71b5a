import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  InvalidInputError,
  type Audited,
  type CompanyLinkChange,
  type CompanySnapshot,
  type CompletenessTotals,
  type ContactLookup,
  type ContactListFilter,
  type NameCandidate,
  type ContactRepository,
  type MergePlan,
  type StoredMerge,
  type UndoPlan,
  type Page,
  type StoredContact,
} from '@rapport/domain';
import { AuditedWriter, ChangeConditionFailedError, staleOrMissing } from './audited-writer';
import { batchGetAll } from './batch-get-all';
import { companyLinkItems } from './contact-company-link';
import { deleteContactPartition } from './contact-deletion';
import { completenessTotalsOf } from './completeness-totals-store';
import { contactItem, lookupItems, newContactLookupItems } from './contact-lookups';
import type { ContactMerges } from './contact-merge';
import { recordOf } from './items';
import { keys } from './keys';

/** Index pages a filtered list may read before it answers with what it found (and a cursor). */
const MAX_FILTERED_PAGES = 10;

export interface TableOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
}

/** Contacts of one tenant in the single table; every write goes with its audit event. */
export class DynamoContactRepository implements ContactRepository {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;
  readonly #tenantId: string;
  readonly #writer: AuditedWriter;
  readonly #merges: ContactMerges | undefined;

  /**
   * `parts.merges` (`new ContactMerges(table, tenantId)`) only where contacts are merged: the
   * merge and undo handlers. It is the largest part of the contacts' data code (~8 KiB), and every
   * area that reads or writes contacts holds this class.
   */
  constructor(options: TableOptions & { writer: AuditedWriter }, tenantId: string, parts: { merges?: ContactMerges } = {}) {
    this.#client = options.client;
    this.#tableName = options.tableName;
    this.#writer = options.writer;
    this.#tenantId = tenantId;
    this.#merges = parts.merges;
  }

  get #mergesWired(): ContactMerges {
    if (!this.#merges) throw new Error('Contact merges are not wired: pass parts.merges to DynamoContactRepository');
    return this.#merges;
  }

  async create(contact: StoredContact, audit: Audited, company?: CompanySnapshot): Promise<void> {
    try {
      await this.#writer.write(this.#tenantId, audit.context, audit.entry, [
        { Put: { TableName: this.#tableName, Item: contactItem(this.#tenantId, contact), ConditionExpression: 'attribute_not_exists(pk)' } },
        ...(company ? companyLinkItems(this.#tableName, this.#tenantId, contact.id, { to: company }) : []),
        ...newContactLookupItems(this.#tableName, this.#tenantId, contact),
      ]);
    } catch (error) {
      throw companyGone(error);
    }
  }

  async get(id: string): Promise<StoredContact | null> {
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#tableName, Key: keys.contact(this.#tenantId, id), ConsistentRead: true }),
    );
    return Item ? recordOf<StoredContact>(Item) : null;
  }

  /**
   * Everyone's contacts page through gsi1, one owner's through gsi2; either way the key is rebuilt
   * from the tenant. A filter is a FilterExpression over that listing (no index per stage or tag):
   * several index pages may be read to fill one, at most {@link MAX_FILTERED_PAGES}, after which a
   * shorter page comes with a cursor. Cost grows with the contacts skipped, never beyond the tenant.
   */
  async list({ limit, afterId, ownerId, filter = {} }: { limit: number; afterId?: string; ownerId?: string; filter?: ContactListFilter }): Promise<Page<StoredContact>> {
    const index = ownerId === undefined
      ? { name: 'gsi1', key: 'gsi1pk', sortKey: 'gsi1sk', value: keys.contactListing(this.#tenantId).gsi1pk }
      : { name: 'gsi2', key: 'gsi2pk', sortKey: 'gsi2sk', value: keys.contactOwnerListing(this.#tenantId, ownerId).gsi2pk };
    const conditions: string[] = [];
    const names: Record<string, string> = { '#key': index.key };
    const values: Record<string, unknown> = { ':value': index.value };
    if (filter.lifecycleStage !== undefined) {
      conditions.push('#stage = :stage');
      names['#stage'] = 'lifecycleStage';
      values[':stage'] = filter.lifecycleStage;
    }
    if (filter.tag !== undefined) {
      conditions.push('contains(#tags, :tag)');
      names['#tags'] = 'tags';
      values[':tag'] = filter.tag;
    }
    const items: StoredContact[] = [];
    let startKey: Record<string, unknown> | undefined = afterId === undefined ? undefined : this.#startKey(afterId, ownerId);
    for (let page = 0; page < (conditions.length > 0 ? MAX_FILTERED_PAGES : 1) && items.length < limit; page++) {
      const result = await this.#client.send(
        new QueryCommand({
          TableName: this.#tableName,
          IndexName: index.name,
          KeyConditionExpression: '#key = :value',
          ...(conditions.length > 0 ? { FilterExpression: conditions.join(' AND ') } : {}),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          Limit: limit - items.length,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      items.push(...(result.Items ?? []).map((item) => recordOf<StoredContact>(item)));
      startKey = result.LastEvaluatedKey;
      if (!startKey) break;
    }
    // The index key where reading stopped names the last contact read, returned or filtered out.
    return { items, lastId: startKey ? String(startKey[index.sortKey]) : null };
  }

  async findIds(lookup: ContactLookup, index: string): Promise<string[]> {
    const partitions: Record<ContactLookup, { gsi3pk: string }> = {
      email: keys.contactByEmail(this.#tenantId, index),
      phone: keys.contactByPhone(this.#tenantId, index),
      name: keys.contactByNameBlock(this.#tenantId, index),
    };
    const partition = partitions[lookup];
    const { Items = [] } = await this.#client.send(
      new QueryCommand({
        TableName: this.#tableName,
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :index',
        ExpressionAttributeValues: { ':index': partition.gsi3pk },
        Limit: 100,
      }),
    );
    return Items.map((item) => String(item.gsi3sk));
  }

  async findNameCandidates(index: string): Promise<NameCandidate[]> {
    const { Items = [] } = await this.#client.send(
      new QueryCommand({
        TableName: this.#tableName,
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :index',
        ExpressionAttributeValues: { ':index': keys.contactByNameBlock(this.#tenantId, index).gsi3pk },
        Limit: 100,
      }),
    );
    return Items.map((item) => {
      const id = String(item.gsi3sk);
      if (typeof item.firstName !== 'string') return { id };
      const text = (name: string) => (typeof item[name] === 'string' ? { [name]: item[name] as string } : {});
      return { id, compared: { firstName: item.firstName, ...text('lastName'), ...text('company'), ...text('companyId') } };
    });
  }

  async completenessTotals(): Promise<CompletenessTotals> {
    return completenessTotalsOf(await batchGetAll(this.#client, this.#tableName, keys.contactCompletenessShards(this.#tenantId), { consistentRead: true }));
  }

  async replace(next: StoredContact, previous: StoredContact, audit: Audited, link?: CompanyLinkChange): Promise<void> {
    const expectedVersion = previous.version;
    try {
      await this.#writer.write(this.#tenantId, audit.context, audit.entry, [
        {
          Put: {
            TableName: this.#tableName,
            Item: contactItem(this.#tenantId, next),
            ConditionExpression: '#version = :expected',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':expected': expectedVersion },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
        ...(link ? companyLinkItems(this.#tableName, this.#tenantId, next.id, link) : []),
        ...lookupItems(this.#tableName, this.#tenantId, next),
      ]);
    } catch (error) {
      throw staleOrMissing(companyGone(error), 'contact', next.id, expectedVersion);
    }
  }

  /** See {@link ContactMerges}. */
  merge(plan: MergePlan, audit: Audited): Promise<void> {
    return this.#mergesWired.merge(plan, audit);
  }

  getMerge(targetId: string, mergeId: string): Promise<StoredMerge | null> {
    return this.#mergesWired.getMerge(targetId, mergeId);
  }

  undoMerge(plan: UndoPlan, audit: Audited): Promise<void> {
    return this.#mergesWired.undoMerge(plan, audit);
  }

  settleMerges(targetId: string): Promise<void> {
    return this.#mergesWired.settle(targetId);
  }

  /** With everything in its partition: see {@link deleteContactPartition}. */
  async delete(id: string, expectedVersion: number | undefined, audit: Audited): Promise<void> {
    await deleteContactPartition({ client: this.#client, tableName: this.#tableName, writer: this.#writer }, this.#tenantId, id, expectedVersion, audit);
  }

  #startKey(afterId: string, ownerId?: string) {
    return {
      ...keys.contact(this.#tenantId, afterId),
      ...(ownerId === undefined ? keys.contactListing(this.#tenantId, afterId) : keys.contactOwnerListing(this.#tenantId, ownerId, afterId)),
    };
  }
}

/** A failed condition after the profile's own: a company counter, so the company no longer exists. */
function companyGone(error: unknown): unknown {
  if (!(error instanceof ChangeConditionFailedError) || error.index === 0) return error;
  return new InvalidInputError('companyId', 'is not a company in this workspace');
}

