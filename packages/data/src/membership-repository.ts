import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  InvalidInputError,
  InviteGoneError,
  isBuiltInRole,
  LastOwnerError,
  NotFoundError,
  OWNER_ROLE,
  VersionConflictError,
  type Audited,
  type Invite,
  type Membership,
  type MembershipRepository,
} from '@rapport/domain';
import { AuditedWriter, ChangeConditionFailedError, type TransactItem } from './audited-writer';
import type { TableOptions } from './contact-repository';
import { recordOf } from './items';
import { keys } from './keys';
import { queryAll } from './query-all';

/** An invitation's item stays a month past its end, for "expired" rather than "unknown" answers. */
const INVITE_KEPT_AFTER_END_S = 30 * 86_400;

type Counted = Pick<Membership, 'role' | 'status'>;
const isActiveOwner = (membership: Counted | null) => membership?.role === OWNER_ROLE && membership.status === 'active';
const customRole = (membership: Counted | null) => (membership && !isBuiltInRole(membership.role) ? membership.role : null);

/** A membership write conditioned on `previous.version` failed: changed since, or gone. */
const staleOrMissing = (previous: Membership) => (error: ChangeConditionFailedError) => {
  const current = error.item as Membership | undefined;
  if (!current) return new NotFoundError('user', previous.userId, { cause: error });
  return new VersionConflictError('user', previous.userId, previous.version, current.version, { cause: error });
};

/** What a counter item in a transaction stands for, to turn its failed condition into the domain's answer. */
type CounterKind = 'owners' | 'role';

/**
 * Users and invitations of one tenant. Every membership write also moves, in the same transaction,
 * the tenant's count of active owners (refusing to drop it below one) and the member counts of the
 * custom roles involved (refusing a role that no longer exists), so "the last owner cannot be
 * removed" and "a role in use cannot be deleted" hold under any concurrency.
 */
export class DynamoMembershipRepository implements MembershipRepository {
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

  async get(userId: string): Promise<Membership | null> {
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#tableName, Key: keys.membership(this.#tenantId, userId), ConsistentRead: true }),
    );
    return Item ? recordOf<Membership>(Item) : null;
  }

  async list(): Promise<Membership[]> {
    const items = await queryAll(this.#client, {
      TableName: this.#tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :listing',
      ExpressionAttributeValues: { ':listing': keys.membershipListing(this.#tenantId).gsi1pk },
    });
    return items.map((item) => recordOf<Membership>(item));
  }

  async invite(membership: Membership, invite: Invite, audit: Audited): Promise<void> {
    const counters = this.#counters(null, membership);
    await this.#write(audit, [
      { Put: { TableName: this.#tableName, Item: this.#membershipItem(membership), ConditionExpression: 'attribute_not_exists(pk)' } },
      {
        Put: {
          TableName: this.#tableName,
          Item: {
            ...keys.invite(this.#tenantId, invite.tokenHash),
            ...keys.inviteListing(this.#tenantId, invite.userId),
            entity: 'invite',
            ...invite,
            expiresAt: Math.floor(Date.parse(invite.validUntil) / 1000) + INVITE_KEPT_AFTER_END_S,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ], counters, (error) => error);
  }

  async getInvite(tokenHash: string): Promise<Invite | null> {
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#tableName, Key: keys.invite(this.#tenantId, tokenHash), ConsistentRead: true }),
    );
    return Item ? recordOf<Invite>(Item) : null;
  }

  async acceptInvite(membership: Membership, invite: Invite, audit: Audited): Promise<void> {
    const previous: Counted = { role: membership.role, status: 'invited' };
    // Either condition failing means someone used the same invitation first.
    await this.#write(audit, [
        {
          Put: {
            TableName: this.#tableName,
            Item: this.#membershipItem(membership),
            ConditionExpression: '#status = :invited',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':invited': 'invited' },
          },
        },
        {
          Update: {
            TableName: this.#tableName,
            Key: keys.invite(this.#tenantId, invite.tokenHash),
            UpdateExpression: 'SET acceptedAt = :at',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(acceptedAt)',
            ExpressionAttributeValues: { ':at': invite.acceptedAt },
          },
        },
    ], this.#counters(previous, membership), () => new InviteGoneError('used'));
  }

  async update(next: Membership, previous: Membership, audit: Audited): Promise<void> {
    await this.#write(audit, [
      {
        Put: {
          TableName: this.#tableName,
          Item: this.#membershipItem(next),
          ConditionExpression: '#version = :expected',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':expected': previous.version },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
    ], this.#counters(previous, next), staleOrMissing(previous));
  }

  async delete(previous: Membership, audit: Audited): Promise<void> {
    await this.#write(audit, [
      {
        Delete: {
          TableName: this.#tableName,
          Key: keys.membership(this.#tenantId, previous.userId),
          ConditionExpression: '#version = :expected',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':expected': previous.version },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
    ], this.#counters(previous, null), staleOrMissing(previous));
  }

  /**
   * Writes the changes, then the counters. A failed counter condition means the last owner or a
   * vanished role; a failed change condition means what `onChangeFailed` says for that operation.
   */
  async #write(
    audit: Audited,
    changes: TransactItem[],
    counters: { item: TransactItem; kind: CounterKind }[],
    onChangeFailed: (error: ChangeConditionFailedError) => unknown,
  ) {
    try {
      await this.#writer.write(this.#tenantId, audit.context, audit.entry, [...changes, ...counters.map((counter) => counter.item)]);
    } catch (error) {
      if (!(error instanceof ChangeConditionFailedError)) throw error;
      if (error.index < changes.length) throw onChangeFailed(error);
      const kind = counters[error.index - changes.length]!.kind;
      throw kind === 'owners' ? new LastOwnerError() : new InvalidInputError('roleId', 'is a role that no longer exists');
    }
  }

  /** Counter updates for a membership going from `before` to `after` (null: not a member). */
  #counters(before: Counted | null, after: Counted | null): { item: TransactItem; kind: CounterKind }[] {
    const counters: { item: TransactItem; kind: CounterKind }[] = [];
    const ownerDelta = Number(isActiveOwner(after)) - Number(isActiveOwner(before));
    if (ownerDelta !== 0) {
      counters.push({
        kind: 'owners',
        item: {
          Update: {
            TableName: this.#tableName,
            Key: keys.tenant(this.#tenantId),
            UpdateExpression: 'ADD ownerCount :delta',
            ConditionExpression: ownerDelta < 0 ? 'ownerCount > :one' : 'attribute_exists(pk)',
            ExpressionAttributeValues: ownerDelta < 0 ? { ':delta': -1, ':one': 1 } : { ':delta': 1 },
          },
        },
      });
    }
    const [roleBefore, roleAfter] = [customRole(before), customRole(after)];
    if (roleBefore !== roleAfter) {
      if (roleBefore) counters.push({ kind: 'role', item: this.#roleCount(roleBefore, -1) });
      if (roleAfter) counters.push({ kind: 'role', item: this.#roleCount(roleAfter, 1) });
    }
    return counters;
  }

  #roleCount(roleId: string, delta: number): TransactItem {
    return {
      Update: {
        TableName: this.#tableName,
        Key: keys.role(this.#tenantId, roleId),
        UpdateExpression: 'ADD memberCount :delta',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':delta': delta },
      },
    };
  }

  #membershipItem(membership: Membership): Record<string, unknown> {
    return {
      ...keys.membership(this.#tenantId, membership.userId),
      ...keys.membershipListing(this.#tenantId, membership.userId),
      ...(membership.sub ? keys.membershipBySub(membership.sub) : {}),
      entity: 'membership',
      ...membership,
    };
  }
}
