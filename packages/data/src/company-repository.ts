import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  CompanyInUseError,
  NotFoundError,
  VersionConflictError,
  type Audited,
  type Company,
  type CompanyRepository,
  type CompanySnapshot,
  type Page,
} from '@rapport/domain';
import { AuditedWriter, ChangeConditionFailedError, staleOrMissing } from './audited-writer';
import type { TableOptions } from './contact-repository';
import { recordOf } from './items';
import { keys } from './keys';

/** Index pages one owner's list may read before it answers with what it found (and a cursor). */
const MAX_FILTERED_PAGES = 10;
/** Attributes a company write never sets: the key, and the counter the contact writes move. */
const NOT_WRITTEN = new Set(['id', 'contactCount']);
/** The optional fields of a company snapshot (see `snapshotOf`), removed from a copy when the company clears them. */
const SNAPSHOT_FIELDS = ['name', 'domain', 'industry'] as const;

/**
 * Companies of one tenant in the single table; every write goes with its audit event. Updates are
 * UpdateItem rather than Put, so they never overwrite `contactCount`, which contact writes move
 * in their own transactions.
 */
export class DynamoCompanyRepository implements CompanyRepository {
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

  async create(company: Company, audit: Audited): Promise<void> {
    await this.#writer.write(this.#tenantId, audit.context, audit.entry, [
      {
        Put: {
          TableName: this.#tableName,
          Item: companyItem(this.#tenantId, company),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ]);
  }

  async get(id: string): Promise<Company | null> {
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#tableName, Key: keys.company(this.#tenantId, id), ConsistentRead: true }),
    );
    return Item ? recordOf<Company>(Item) : null;
  }

  /**
   * Pages through gsi1 in creation order. There is no per-owner index for companies, so one
   * owner's companies are the listing filtered by owner: several index pages may be read to fill
   * one, at most {@link MAX_FILTERED_PAGES}, after which a shorter page comes with a cursor.
   */
  async list({ limit, afterId, ownerId }: { limit: number; afterId?: string; ownerId?: string }): Promise<Page<Company>> {
    const items: Company[] = [];
    let startKey: Record<string, unknown> | undefined = afterId === undefined ? undefined : this.#startKey(afterId);
    for (let page = 0; page < MAX_FILTERED_PAGES && items.length < limit; page++) {
      const result = await this.#client.send(
        new QueryCommand({
          TableName: this.#tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :listing',
          ExpressionAttributeValues: { ':listing': keys.companyListing(this.#tenantId).gsi1pk, ...(ownerId === undefined ? {} : { ':owner': ownerId }) },
          ...(ownerId === undefined ? {} : { FilterExpression: 'ownerId = :owner' }),
          Limit: limit - items.length,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      items.push(...(result.Items ?? []).map((item) => recordOf<Company>(item)));
      startKey = result.LastEvaluatedKey;
      if (!startKey) break;
    }
    // The index key where reading stopped names the last company read, returned or filtered out.
    return { items, lastId: startKey ? String(startKey.gsi1sk) : null };
  }

  async replace(next: Company, previous: Company, audit: Audited): Promise<void> {
    const names: Record<string, string> = { '#version': 'version' };
    const values: Record<string, unknown> = { ':expected': previous.version };
    const set: string[] = [];
    const remove: string[] = [];
    Object.entries(next)
      .filter(([field]) => !NOT_WRITTEN.has(field))
      .forEach(([field, value], index) => {
        names[`#f${index}`] = field;
        values[`:v${index}`] = value;
        set.push(`#f${index} = :v${index}`);
      });
    Object.keys(previous)
      .filter((field) => !NOT_WRITTEN.has(field) && !(field in next))
      .forEach((field, index) => {
        names[`#r${index}`] = field;
        remove.push(`#r${index}`);
      });
    try {
      await this.#writer.write(this.#tenantId, audit.context, audit.entry, [
        {
          Update: {
            TableName: this.#tableName,
            Key: keys.company(this.#tenantId, next.id),
            UpdateExpression: `SET ${set.join(', ')}${remove.length > 0 ? ` REMOVE ${remove.join(', ')}` : ''}`,
            ConditionExpression: 'attribute_exists(pk) AND #version = :expected',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
      ]);
    } catch (error) {
      throw staleOrMissing(error, 'company', next.id, previous.version);
    }
  }

  async delete(id: string, expectedVersion: number | undefined, audit: Audited): Promise<void> {
    try {
      await this.#writer.write(this.#tenantId, audit.context, audit.entry, [
        {
          Delete: {
            TableName: this.#tableName,
            Key: keys.company(this.#tenantId, id),
            // Atomic with every link: contactCount moves in the same transactions that link contacts.
            ConditionExpression: `attribute_exists(pk) AND #contacts = :none${expectedVersion === undefined ? '' : ' AND #version = :expected'}`,
            ExpressionAttributeNames: { '#contacts': 'contactCount', ...(expectedVersion === undefined ? {} : { '#version': 'version' }) },
            ExpressionAttributeValues: { ':none': 0, ...(expectedVersion === undefined ? {} : { ':expected': expectedVersion }) },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
      ]);
    } catch (error) {
      if (!(error instanceof ChangeConditionFailedError)) throw error;
      const current = error.item as Company | undefined;
      if (!current) throw new NotFoundError('company', id, { cause: error });
      if (expectedVersion !== undefined && current.version !== expectedVersion) {
        throw new VersionConflictError('company', id, expectedVersion, current.version, { cause: error });
      }
      throw new CompanyInUseError(id, Number(current.contactCount));
    }
  }

  /**
   * Rewrites the snapshot in the partition of every contact linked to the company (found through
   * gsi1, never a scan). Each update holds only if the contact still points at this company and no
   * newer version of it was written there, so a slow refresh never overwrites a later one.
   */
  async refreshSnapshots(snapshot: CompanySnapshot, companyVersion: number): Promise<number> {
    const { companyId, ...fields } = snapshot;
    const removed = SNAPSHOT_FIELDS.filter((field) => !(field in fields));
    const assignments = [...Object.keys(fields).map((field) => `#${field} = :${field}`), '#companyVersion = :version'];
    const update = {
      UpdateExpression: `SET ${assignments.join(', ')}${removed.length > 0 ? ` REMOVE ${removed.map((field) => `#${field}`).join(', ')}` : ''}`,
      ConditionExpression: '#companyId = :id AND (attribute_not_exists(#companyVersion) OR #companyVersion < :version)',
      ExpressionAttributeNames: Object.fromEntries([...SNAPSHOT_FIELDS, 'companyId', 'companyVersion'].map((field) => [`#${field}`, field])),
      ExpressionAttributeValues: {
        ...Object.fromEntries(Object.entries(fields).map(([field, value]) => [`:${field}`, value])),
        ':id': companyId,
        ':version': companyVersion,
      },
    };
    let refreshed = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.#client.send(
        new QueryCommand({
          TableName: this.#tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :members',
          ExpressionAttributeValues: { ':members': keys.companyContacts(this.#tenantId, companyId).gsi1pk },
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      for (const item of page.Items ?? []) {
        try {
          await this.#client.send(new UpdateCommand({ TableName: this.#tableName, Key: keys.contactCompany(this.#tenantId, String(item.contactId)), ...update }));
          refreshed++;
        } catch (error) {
          // Unlinked, linked elsewhere, deleted, or already brought to a newer version: nothing to do.
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        }
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return refreshed;
  }

  #startKey(afterId: string) {
    return { ...keys.company(this.#tenantId, afterId), ...keys.companyListing(this.#tenantId, afterId) };
  }
}

/** A company's table item: its keys and listing, then the record (imports write the same items). */
export function companyItem(tenantId: string, company: Company): Record<string, unknown> {
  return { ...keys.company(tenantId, company.id), ...keys.companyListing(tenantId, company.id), entity: 'company', ...company };
}
