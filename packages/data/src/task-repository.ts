import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ArmedReminderIndex, AssigneeDirectory, Audited, Page, Task, TaskListing, TaskReminder, TaskRepository } from '@rapport/domain';
import { AuditedWriter, ChangeConditionFailedError, staleOrMissing } from './audited-writer';
import type { TableOptions } from './contact-repository';
import { recordOf } from './items';
import { keys } from './keys';
import { DynamoMembershipRepository } from './membership-repository';

/** Index pages one contact's list may read before it answers with what it found (and a cursor). */
const MAX_FILTERED_PAGES = 10;

/**
 * A tenant's tasks in the single table, listed by due time (see keys.ts); every write goes with its
 * audit event. An armed reminder is the task's sparse gsi3 keys, written and removed with it.
 */
export class DynamoTaskRepository implements TaskRepository {
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

  #item(task: Task, armed: boolean) {
    const position = keys.taskPosition(task.dueAt, task.id);
    return {
      ...keys.task(this.#tenantId, task.id),
      ...keys.taskListing(this.#tenantId, task.status, position),
      ...keys.taskAssigneeListing(this.#tenantId, task.assigneeId, task.status, position),
      ...(armed ? keys.taskReminderArmed(this.#tenantId, task.id, task.dueAt) : {}),
      entity: 'task',
      ...task,
    };
  }

  async create(task: Task, audit: Audited, { armed }: { armed: boolean }): Promise<void> {
    await this.#writer.write(this.#tenantId, audit.context, audit.entry, [
      { Put: { TableName: this.#tableName, Item: this.#item(task, armed), ConditionExpression: 'attribute_not_exists(pk)' } },
    ]);
  }

  async get(id: string): Promise<Task | null> {
    const { Item } = await this.#client.send(new GetCommand({ TableName: this.#tableName, Key: keys.task(this.#tenantId, id), ConsistentRead: true }));
    return Item ? recordOf<Task>(Item) : null;
  }

  /**
   * One Query of a due-ordered partition (the assignee's, or the tenant's), within the due range
   * asked for. A contact's tasks are that partition filtered by contact: several index pages may
   * be read to fill one, at most {@link MAX_FILTERED_PAGES}, after which a shorter page comes with a cursor.
   */
  async list(listing: TaskListing): Promise<Page<Task>> {
    const byAssignee = listing.assigneeId !== undefined;
    const index = byAssignee
      ? { name: 'gsi2', pk: 'gsi2pk', sk: 'gsi2sk', value: keys.taskAssigneeListing(this.#tenantId, listing.assigneeId!, listing.status).gsi2pk }
      : { name: 'gsi1', pk: 'gsi1pk', sk: 'gsi1sk', value: keys.taskListing(this.#tenantId, listing.status).gsi1pk };
    const range =
      listing.dueFrom !== undefined && listing.dueBefore !== undefined
        ? { condition: ' AND #sk BETWEEN :from AND :before', values: { ':from': listing.dueFrom, ':before': listing.dueBefore } }
        : listing.dueBefore !== undefined
          ? { condition: ' AND #sk < :before', values: { ':before': listing.dueBefore } }
          : { condition: '', values: {} };
    const startKeyAt = (position: string) => ({
      ...keys.task(this.#tenantId, keys.taskIdAt(position)),
      [index.pk]: index.value,
      [index.sk]: position,
    });

    // A cursor from another due range (another day's "today", the plain listing) is still a
    // position: DynamoDB refuses a start key outside the range, so one past the range leaves
    // nothing to read, and one before it reads the range from its start.
    if (listing.after !== undefined && listing.dueBefore !== undefined && listing.after >= listing.dueBefore) return { items: [], lastId: null };
    const before = listing.after !== undefined && listing.dueFrom !== undefined && listing.after < listing.dueFrom;
    const items: Task[] = [];
    let startKey: Record<string, unknown> | undefined = listing.after === undefined || before ? undefined : startKeyAt(listing.after);
    for (let page = 0; page < MAX_FILTERED_PAGES && items.length < listing.limit; page++) {
      const result = await this.#client.send(
        new QueryCommand({
          TableName: this.#tableName,
          IndexName: index.name,
          KeyConditionExpression: `#pk = :listing${range.condition}`,
          ExpressionAttributeNames: { '#pk': index.pk, ...(range.condition ? { '#sk': index.sk } : {}), ...(listing.contactId ? { '#contact': 'contactId' } : {}) },
          ExpressionAttributeValues: { ':listing': index.value, ...range.values, ...(listing.contactId ? { ':contact': listing.contactId } : {}) },
          ...(listing.contactId ? { FilterExpression: '#contact = :contact' } : {}),
          Limit: listing.limit - items.length,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      items.push(...(result.Items ?? []).map((item) => recordOf<Task>(item)));
      startKey = result.LastEvaluatedKey;
      if (!startKey) break;
    }
    // The index key where reading stopped is the position of the last task read, returned or filtered out.
    return { items, lastId: startKey ? String(startKey[index.sk]) : null };
  }

  async replace(next: Task, previous: Task, audit: Audited, { armed }: { armed: boolean }): Promise<void> {
    try {
      await this.#writer.write(this.#tenantId, audit.context, audit.entry, [
        {
          Put: {
            TableName: this.#tableName,
            Item: this.#item(next, armed),
            ConditionExpression: 'attribute_exists(pk) AND #version = :expected',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':expected': previous.version },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
      ]);
    } catch (error) {
      throw staleOrMissing(error, 'task', next.id, previous.version);
    }
  }

  async delete(id: string, expectedVersion: number | undefined, audit: Audited): Promise<void> {
    try {
      await this.#writer.write(this.#tenantId, audit.context, audit.entry, [
        {
          Delete: {
            TableName: this.#tableName,
            Key: keys.task(this.#tenantId, id),
            ConditionExpression: `attribute_exists(pk)${expectedVersion === undefined ? '' : ' AND #version = :expected'}`,
            ...(expectedVersion === undefined
              ? {}
              : { ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':expected': expectedVersion } }),
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
      ]);
    } catch (error) {
      throw staleOrMissing(error, 'task', id, expectedVersion);
    }
  }

  /** Leaves `version` alone: the reminder is bookkeeping, and must not make a client's next If-Match stale. */
  async markReminderFired(id: string, dueAt: string, audit: Audited): Promise<boolean> {
    try {
      await this.#writer.write(this.#tenantId, audit.context, audit.entry, [
        {
          Update: {
            TableName: this.#tableName,
            Key: keys.task(this.#tenantId, id),
            UpdateExpression: 'SET #fired = :due REMOVE gsi3pk, gsi3sk',
            ConditionExpression: 'attribute_exists(pk) AND #status = :open AND #dueAt = :due AND (attribute_not_exists(#fired) OR #fired <> :due)',
            ExpressionAttributeNames: { '#fired': 'reminderFiredFor', '#status': 'status', '#dueAt': 'dueAt' },
            ExpressionAttributeValues: { ':due': dueAt, ':open': 'open' },
          },
        },
      ]);
      return true;
    } catch (error) {
      if (error instanceof ChangeConditionFailedError) return false;
      throw error;
    }
  }
}

/** Every tenant's armed reminders, shard by shard, each in due order (the sparse gsi3 of tasks). */
export class DynamoArmedReminderIndex implements ArmedReminderIndex {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(options: TableOptions) {
    this.#client = options.client;
    this.#tableName = options.tableName;
  }

  async *all(): AsyncIterable<TaskReminder> {
    for (const shard of keys.taskReminderPartitions()) {
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await this.#client.send(
          new QueryCommand({
            TableName: this.#tableName,
            IndexName: 'gsi3',
            KeyConditionExpression: 'gsi3pk = :shard',
            ExpressionAttributeValues: { ':shard': shard },
            ...(startKey ? { ExclusiveStartKey: startKey } : {}),
          }),
        );
        // gsi3 projects keys only, so the reminder is read from its sort key.
        for (const item of page.Items ?? []) yield keys.taskReminderAt(String(item.gsi3sk));
        startKey = page.LastEvaluatedKey;
      } while (startKey);
    }
  }
}

/** A task's assignee must be an active member of the workspace. */
export class DynamoAssigneeDirectory implements AssigneeDirectory {
  readonly #memberships: DynamoMembershipRepository;

  constructor(options: TableOptions & { writer: AuditedWriter }, tenantId: string) {
    this.#memberships = new DynamoMembershipRepository(options, tenantId);
  }

  async isActiveMember(userId: string): Promise<boolean> {
    return (await this.#memberships.get(userId))?.status === 'active';
  }
}
