import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  InvalidInputError,
  NotFoundError,
  VersionConflictError,
  type Audited,
  type CompanyLinkChange,
  type CompanySnapshot,
  type ContactRepository,
  type Page,
  type StoredContact,
} from '@rapport/domain';
import { AuditedWriter, ChangeConditionFailedError } from './audited-writer';
import { companyLinkItems } from './contact-company-link';
import { deleteContactPartition } from './contact-deletion';
import { recordOf } from './items';
import { keys } from './keys';

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

  constructor(options: TableOptions & { writer: AuditedWriter }, tenantId: string) {
    this.#client = options.client;
    this.#tableName = options.tableName;
    this.#writer = options.writer;
    this.#tenantId = tenantId;
  }

  async create(contact: StoredContact, audit: Audited, company?: CompanySnapshot): Promise<void> {
    try {
      await this.#writer.write(this.#tenantId, audit.context, audit.entry, [
        { Put: { TableName: this.#tableName, Item: this.#item(contact), ConditionExpression: 'attribute_not_exists(pk)' } },
        ...(company ? companyLinkItems(this.#tableName, this.#tenantId, contact.id, { to: company }) : []),
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

  async list({ limit, afterId, ownerId }: { limit: number; afterId?: string; ownerId?: string }): Promise<Page<StoredContact>> {
    // Everyone's contacts page through gsi1, one owner's through gsi2; either way the key is rebuilt from the tenant.
    const index = ownerId === undefined
      ? { name: 'gsi1', key: 'gsi1pk', value: keys.contactListing(this.#tenantId).gsi1pk }
      : { name: 'gsi2', key: 'gsi2pk', value: keys.contactOwnerListing(this.#tenantId, ownerId).gsi2pk };
    const { Items = [], LastEvaluatedKey } = await this.#client.send(
      new QueryCommand({
        TableName: this.#tableName,
        IndexName: index.name,
        KeyConditionExpression: '#key = :value',
        ExpressionAttributeNames: { '#key': index.key },
        ExpressionAttributeValues: { ':value': index.value },
        Limit: limit,
        ...(afterId === undefined ? {} : { ExclusiveStartKey: this.#startKey(afterId, ownerId) }),
      }),
    );
    const items = Items.map((item) => recordOf<StoredContact>(item));
    return { items, lastId: LastEvaluatedKey && items.length > 0 ? items[items.length - 1]!.id : null };
  }

  async findIdsByEmailIndex(emailIndex: string): Promise<string[]> {
    const { Items = [] } = await this.#client.send(
      new QueryCommand({
        TableName: this.#tableName,
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :index',
        ExpressionAttributeValues: { ':index': keys.contactByEmail(this.#tenantId, emailIndex).gsi3pk },
        Limit: 100,
      }),
    );
    return Items.map((item) => String(item.gsi3sk));
  }

  async replace(next: StoredContact, expectedVersion: number, audit: Audited, link?: CompanyLinkChange): Promise<void> {
    try {
      await this.#writer.write(this.#tenantId, audit.context, audit.entry, [
        {
          Put: {
            TableName: this.#tableName,
            Item: this.#item(next),
            ConditionExpression: '#version = :expected',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':expected': expectedVersion },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
        ...(link ? companyLinkItems(this.#tableName, this.#tenantId, next.id, link) : []),
      ]);
    } catch (error) {
      throw conflictOrMissing(companyGone(error), next.id, expectedVersion);
    }
  }

  /** With everything in its partition: see {@link deleteContactPartition}. */
  async delete(id: string, expectedVersion: number | undefined, audit: Audited): Promise<void> {
    await deleteContactPartition({ client: this.#client, tableName: this.#tableName, writer: this.#writer }, this.#tenantId, id, expectedVersion, audit);
  }

  #item(contact: StoredContact): Record<string, unknown> {
    return contactItem(this.#tenantId, contact);
  }

  #startKey(afterId: string, ownerId?: string) {
    return {
      ...keys.contact(this.#tenantId, afterId),
      ...(ownerId === undefined ? keys.contactListing(this.#tenantId, afterId) : keys.contactOwnerListing(this.#tenantId, ownerId, afterId)),
    };
  }
}

/** A contact's table item: its keys and indexes, then the record (imports write the same items). */
export function contactItem(tenantId: string, contact: StoredContact): Record<string, unknown> {
  return {
    ...keys.contact(tenantId, contact.id),
    ...keys.contactListing(tenantId, contact.id),
    ...keys.contactOwnerListing(tenantId, contact.ownerId, contact.id),
    ...(contact.emailIndex ? keys.contactByEmail(tenantId, contact.emailIndex, contact.id) : {}),
    entity: 'contact',
    ...contact,
  };
}

/** A failed condition after the profile's own: a company counter, so the company no longer exists. */
function companyGone(error: unknown): unknown {
  if (!(error instanceof ChangeConditionFailedError) || error.index === 0) return error;
  return new InvalidInputError('companyId', 'is not a company in this workspace');
}

/** A failed version/existence condition: the item as it was tells a stale version from a missing record. */
function conflictOrMissing(error: unknown, id: string, expectedVersion: number | undefined): unknown {
  if (!(error instanceof ChangeConditionFailedError)) return error;
  const current = error.item as { version?: number } | undefined;
  if (!current || expectedVersion === undefined) return new NotFoundError('contact', id, { cause: error });
  return new VersionConflictError('contact', id, expectedVersion, current.version ?? 0, { cause: error });
}
