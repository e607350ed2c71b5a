import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Audited, Membership, Tenant, TenantRepository } from '@rapport/domain';
import type { AuditedWriter } from './audited-writer';
import type { TableOptions } from './contact-repository';
import { recordOf } from './items';
import { keys } from './keys';

export interface TenantRepositoryOptions extends TableOptions {
  writer: AuditedWriter;
  /**
   * A membership is found by `sub` through a global index, which DynamoDB fills a moment after the
   * write. A miss is retried this many times, so the first request after signup is not refused;
   * the wait is paid only on a miss.
   */
  indexMissRetries?: number;
  indexMissDelayMs?: number;
}

export class DynamoTenantRepository implements TenantRepository {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;
  readonly #writer: AuditedWriter;
  readonly #indexMissRetries: number;
  readonly #indexMissDelayMs: number;

  constructor(options: TenantRepositoryOptions) {
    this.#client = options.client;
    this.#tableName = options.tableName;
    this.#writer = options.writer;
    this.#indexMissRetries = options.indexMissRetries ?? 2;
    this.#indexMissDelayMs = options.indexMissDelayMs ?? 200;
  }

  async createTenantWithOwner(tenant: Tenant, owner: Membership, audit: Audited): Promise<void> {
    await this.#writer.write(tenant.id, audit.context, audit.entry, [
      {
        Put: {
          TableName: this.#tableName,
          Item: { ...keys.tenant(tenant.id), ...keys.insightsTenantListing(tenant.id), entity: 'tenant', ...tenant },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Put: {
          TableName: this.#tableName,
          Item: {
            ...keys.membership(owner.tenantId, owner.userId),
            ...keys.membershipListing(owner.tenantId, owner.userId),
            ...(owner.sub ? keys.membershipBySub(owner.sub) : {}),
            entity: 'membership',
            ...owner,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ]);
  }

  async getTenant(tenantId: string): Promise<Tenant | null> {
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#tableName, Key: keys.tenant(tenantId), ConsistentRead: true }),
    );
    return Item ? recordOf<Tenant>(Item) : null;
  }

  async getMembership(tenantId: string, userId: string): Promise<Membership | null> {
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#tableName, Key: keys.membership(tenantId, userId), ConsistentRead: true }),
    );
    return Item ? recordOf<Membership>(Item) : null;
  }

  async findMembershipBySub(sub: string): Promise<Membership | null> {
    for (let attempt = 0; ; attempt++) {
      const { Items = [] } = await this.#client.send(
        new QueryCommand({
          TableName: this.#tableName,
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :sub',
          ExpressionAttributeValues: { ':sub': keys.membershipBySub(sub).gsi2pk },
          Limit: 1,
        }),
      );
      const item = Items[0];
      if (item) {
        // The index may lag the table: read the record itself, so a role or status is never stale.
        const { tenantId, userId } = recordOf<Pick<Membership, 'tenantId' | 'userId'>>(item);
        return this.getMembership(tenantId, userId);
      }
      if (attempt >= this.#indexMissRetries) return null;
      await new Promise((resolve) => setTimeout(resolve, this.#indexMissDelayMs));
    }
  }
}
