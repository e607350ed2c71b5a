import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  NotFoundError,
  RoleInUseError,
  RoleNameTakenError,
  VersionConflictError,
  WORKSPACE_LIMITS,
  WorkspaceLimitError,
  type Audited,
  type CustomRole,
  type RoleRepository,
} from '@rapport/domain';
import { createHash } from 'node:crypto';
import { AuditedWriter, ChangeConditionFailedError, type TransactItem } from './audited-writer';
import { countOneLess, countOneMore } from './workspace-counts';
import type { TableOptions } from './contact-repository';
import { recordOf } from './items';
import { keys } from './keys';
import { queryAll } from './query-all';

/** Names compare case- and space-insensitively: "Sales  Lead" and "sales lead" are one name. */
export const roleNameHash = (name: string) => createHash('sha256').update(name.trim().replace(/\s+/g, ' ').toLowerCase()).digest('hex').slice(0, 32);

/** Custom roles of one tenant. `memberCount` is moved by membership writes, never by role writes. */
export class DynamoRoleRepository implements RoleRepository {
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

  async list(): Promise<CustomRole[]> {
    const items = await queryAll(this.#client, {
      TableName: this.#tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :listing',
      ExpressionAttributeValues: { ':listing': keys.roleListing(this.#tenantId).gsi1pk },
    });
    return items.map((item) => recordOf<CustomRole>(item));
  }

  async get(roleId: string): Promise<CustomRole | null> {
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#tableName, Key: keys.role(this.#tenantId, roleId), ConsistentRead: true }),
    );
    return Item ? recordOf<CustomRole>(Item) : null;
  }

  async create(role: CustomRole, audit: Audited): Promise<void> {
    try {
      await this.#writer.write(this.#tenantId, audit.context, audit.entry, [
        {
          Put: {
            TableName: this.#tableName,
            Item: { ...keys.role(this.#tenantId, role.id), ...keys.roleListing(this.#tenantId, role.id), entity: 'role', ...role },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        this.#claimName(role),
        countOneMore(this.#tableName, this.#tenantId, 'ROLES', WORKSPACE_LIMITS.customRoles),
      ]);
    } catch (error) {
      if (error instanceof ChangeConditionFailedError && error.index === 1) throw new RoleNameTakenError();
      if (error instanceof ChangeConditionFailedError && error.index === 2) throw new WorkspaceLimitError('custom roles', WORKSPACE_LIMITS.customRoles);
      throw error;
    }
  }

  async update(role: CustomRole, previous: CustomRole, audit: Audited): Promise<void> {
    const renamed = roleNameHash(role.name) !== roleNameHash(previous.name);
    const description = role.description === undefined ? { remove: ' REMOVE #description', values: {} } : { remove: '', values: { ':description': role.description } };
    const changes: TransactItem[] = [
      {
        Update: {
          TableName: this.#tableName,
          Key: keys.role(this.#tenantId, role.id),
          UpdateExpression: `SET #name = :name, #permissions = :permissions, #version = :version, #updatedAt = :updatedAt${role.description === undefined ? '' : ', #description = :description'}${description.remove}`,
          ConditionExpression: '#version = :expected',
          ExpressionAttributeNames: { '#name': 'name', '#permissions': 'permissions', '#version': 'version', '#updatedAt': 'updatedAt', '#description': 'description' },
          ExpressionAttributeValues: {
            ':name': role.name,
            ':permissions': role.permissions,
            ':version': role.version,
            ':updatedAt': role.updatedAt,
            ':expected': previous.version,
            ...description.values,
          },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
    ];
    if (renamed) {
      changes.push(this.#claimName(role), { Delete: { TableName: this.#tableName, Key: keys.roleName(this.#tenantId, roleNameHash(previous.name)) } });
    }
    try {
      await this.#writer.write(this.#tenantId, audit.context, audit.entry, changes);
    } catch (error) {
      if (!(error instanceof ChangeConditionFailedError)) throw error;
      if (error.index === 1) throw new RoleNameTakenError();
      const current = error.item as CustomRole | undefined;
      if (!current) throw new NotFoundError('role', role.id);
      throw new VersionConflictError('role', role.id, previous.version, current.version);
    }
  }

  async delete(role: CustomRole, audit: Audited): Promise<void> {
    try {
      await this.#writer.write(this.#tenantId, audit.context, audit.entry, [
        {
          Delete: {
            TableName: this.#tableName,
            Key: keys.role(this.#tenantId, role.id),
            // Atomic with every assignment: memberCount moves in the same transactions that assign the role.
            ConditionExpression: 'attribute_exists(pk) AND #members = :none',
            ExpressionAttributeNames: { '#members': 'memberCount' },
            ExpressionAttributeValues: { ':none': 0 },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
        { Delete: { TableName: this.#tableName, Key: keys.roleName(this.#tenantId, roleNameHash(role.name)) } },
        countOneLess(this.#tableName, this.#tenantId, 'ROLES'),
      ]);
    } catch (error) {
      if (!(error instanceof ChangeConditionFailedError)) throw error;
      const current = error.item as CustomRole | undefined;
      if (!current) throw new NotFoundError('role', role.id);
      throw new RoleInUseError(role.id, current.memberCount);
    }
  }

  #claimName(role: CustomRole): TransactItem {
    return {
      Put: {
        TableName: this.#tableName,
        Item: { ...keys.roleName(this.#tenantId, roleNameHash(role.name)), entity: 'role-name', roleId: role.id },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  }
}
