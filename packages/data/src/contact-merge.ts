import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  ContactHasDealsError,
  ContentionError,
  InvalidInputError,
  NotFoundError,
  VersionConflictError,
  type Audited,
  type MergePlan,
  type MergeRecord,
  type MergeStatus,
  type StoredContact,
  type StoredMerge,
  type UndoPlan,
} from '@rapport/domain';
import { ChangeConditionFailedError, type AuditedWriter, type TransactItem } from './audited-writer';
import { netContactCounts, snapshotItem } from './contact-company-link';
import { contactItem, lookupItems } from './contact-lookups';
import { recordOf } from './items';
import { keys, type PrimaryKey } from './keys';
import { queryAll } from './query-all';

/** Items one transaction takes (DynamoDB's limit). */
const TRANSACTION_ITEMS = 100;
/** What an audited transaction leaves for the change: the audit event takes one (one more is kept spare, as when a chain head took it). */
const AUDITED_ITEMS = TRANSACTION_ITEMS - 2;
/** Sort-key prefixes of the records a merge moves; behaviour days are added up instead. */
const RECORD_PREFIXES = ['TXN#', 'INTERACTION#', 'FEEDBACK#', keys.contactTicketPrefix];
const BEHAVIOUR_PREFIX = 'BEHAVIOUR#';
const MERGE_PREFIX = 'MERGE#';

interface MergeTable {
  client: DynamoDBDocumentClient;
  tableName: string;
  writer: AuditedWriter;
}

/** One behaviour day's totals, as the snapshot keeps them to take them back out on undo. */
interface DayTotals {
  day: string;
  pageViews: number;
  clicks: number;
  dwellSeconds: number;
}

/** A source's day as the snapshot keeps it: whether the merge created the target's day decides how an undo takes it out. */
interface SnapshotDay extends DayTotals {
  newToTarget: boolean;
}

/**
 * Contact merges and their undo in the single table.
 *
 * A merge's items: the target's new profile and lookups, the source's profile, lookups and company
 * snapshot deleted, the company counters moved (the completeness totals follow from the stream), a
 * merge record kept beside the target (for good: it names the source, no personal value) and the
 * source's pre-merge snapshot (as stored, encrypted; TTL 30 days). Then the moves: each record of the source's partition is put
 * into the target's (marked with the merge id, so an undo finds exactly these) and deleted from the
 * source's, each behaviour day is added to the target's day and deleted. Every move is a pair in one
 * transaction, so a record is never in both partitions or in neither.
 *
 * Where it all fits one transaction (up to about 40 records), it is one audited transaction: all or
 * nothing. A larger merge commits everything but the moves in the audited transaction, with the
 * record at `moving`; the source is gone from that moment (404, unlisted), and the moves follow in
 * transactions of 50 pairs, after which the record says `done`. A crash in between leaves the rest
 * in the source's partition, where nothing reads it, and the next merge into or undo on the target
 * finishes it first ({@link settle}): each pair is conditional on its source side still existing, so
 * finishing twice moves nothing twice. An undo works the same way in reverse (`undoing` → `undone`).
 */
export class ContactMerges {
  readonly #table: MergeTable;
  readonly #tenantId: string;

  constructor(table: MergeTable, tenantId: string) {
    this.#table = table;
    this.#tenantId = tenantId;
  }

  async merge(plan: MergePlan, audit: Audited): Promise<void> {
    const { record, target, merged, source } = plan;
    const sourceItems = await this.#partition(source.id);
    // A deal is with one customer and its snapshot lives in that customer's partition: refused
    // rather than left pointing at a contact that is gone.
    const sourceDeals = sourceItems.filter((item) => String(item.sk).startsWith(keys.contactDealPrefix)).length;
    if (sourceDeals > 0) throw new ContactHasDealsError(source.id, sourceDeals);
    const targetDays = new Set((await this.#partition(target.id, BEHAVIOUR_PREFIX)).map((item) => String(item.day)));
    const days: SnapshotDay[] = sourceItems
      .filter((item) => String(item.sk).startsWith(BEHAVIOUR_PREFIX))
      .map((item) => ({ ...dayOf(item), newToTarget: !targetDays.has(String(item.day)) }));
    const moves = this.#mergeMoves(record, sourceItems);
    const core = (status: MergeStatus): TransactItem[] => [
      this.#putProfile(merged, { version: target.version }),
      {
        Delete: {
          TableName: this.#table.tableName,
          Key: keys.contact(this.#tenantId, source.id),
          ConditionExpression: '#version = :version',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':version': source.version },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
      ...lookupItems(this.#table.tableName, this.#tenantId, merged),
      ...lookupItems(this.#table.tableName, this.#tenantId, { ...source, phoneIndex: undefined, nameIndex: undefined } as StoredContact),
      ...this.#companySnapshotChange(target, merged, plan.company),
      ...(sourceItems.some((item) => item.sk === keys.contactCompany(this.#tenantId, source.id).sk)
        ? [{ Delete: { TableName: this.#table.tableName, Key: keys.contactCompany(this.#tenantId, source.id) } }]
        : []),
      // Netted per company: an unchanged company moves by nothing.
      ...netContactCounts(this.#table.tableName, this.#tenantId, [
        [target.companyId, -1],
        [merged.companyId, 1],
        [source.companyId, -1],
      ]),
      { Put: { TableName: this.#table.tableName, Item: this.#recordItem({ ...record, status }), ConditionExpression: 'attribute_not_exists(pk)' } },
      {
        Put: {
          TableName: this.#table.tableName,
          Item: {
            ...keys.contactMergeSnapshot(this.#tenantId, record.targetId, record.mergeId),
            entity: 'contact-merge-snapshot',
            target,
            source,
            behaviour: days,
            expiresAt: Math.floor(Date.parse(record.undoUntil) / 1000),
          },
        },
      },
    ];
    try {
      await this.#commit(core, moves, audit, record, 'done', 'moving');
    } catch (error) {
      throw mergeFailure(error, target, source);
    }
    // A record added to the source between the read and the commit: none can be added after it, as
    // every record write checks the profile in its own transaction.
    await this.#runMoves(this.#mergeMoves(record, await this.#partition(source.id)));
  }

  async getMerge(targetId: string, mergeId: string): Promise<StoredMerge | null> {
    await this.settle(targetId);
    const [recordItem, snapshotItem] = await Promise.all([
      this.#get(keys.contactMerge(this.#tenantId, targetId, mergeId)),
      this.#get(keys.contactMergeSnapshot(this.#tenantId, targetId, mergeId)),
    ]);
    if (!recordItem) return null;
    const snapshot = snapshotItem ? { target: snapshotItem.target as StoredContact, source: snapshotItem.source as StoredContact } : null;
    return { record: recordOf<MergeRecord>(recordItem), snapshot };
  }

  async undoMerge(plan: UndoPlan, audit: Audited): Promise<void> {
    const { record, current, restored, source } = plan;
    const days = await this.#snapshotDays(record);
    const moves = await this.#undoMoves(record, days);
    const core = (status: MergeStatus): TransactItem[] => [
      this.#putProfile(restored, { version: current.version }),
      { Put: { TableName: this.#table.tableName, Item: contactItem(this.#tenantId, source), ConditionExpression: 'attribute_not_exists(pk)' } },
      ...lookupItems(this.#table.tableName, this.#tenantId, restored),
      ...lookupItems(this.#table.tableName, this.#tenantId, source),
      ...this.#companySnapshotChange(current, restored, plan.targetCompany),
      ...(plan.sourceCompany ? [{ Put: { TableName: this.#table.tableName, Item: snapshotItem(this.#tenantId, source.id, plan.sourceCompany) } }] : []),
      ...netContactCounts(this.#table.tableName, this.#tenantId, [
        [current.companyId, -1],
        [restored.companyId, 1],
        [plan.sourceCompany ? source.companyId : undefined, 1],
      ]),
      this.#statusChange(record, 'done', status),
      ...(status === 'undone' ? [{ Delete: { TableName: this.#table.tableName, Key: keys.contactMergeSnapshot(this.#tenantId, record.targetId, record.mergeId) } }] : []),
    ];
    try {
      await this.#commit(core, moves, audit, record, 'undone', 'undoing');
    } catch (error) {
      if (error instanceof ChangeConditionFailedError && error.index === 0) {
        throw new VersionConflictError('contact', current.id, current.version, Number((error.item as { version?: number } | undefined)?.version ?? 0), { cause: error });
      }
      // The source's id taken meanwhile, or behaviour arriving on a day being taken back out: a retry sees the new state.
      if (error instanceof ChangeConditionFailedError) throw new ContentionError({ cause: error });
      throw error;
    }
  }

  /** Finishes the moves of every merge into (or undo on) `targetId` that a crash interrupted. */
  async settle(targetId: string): Promise<void> {
    const pending = await queryAll(this.#table.client, {
      TableName: this.#table.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :merge)',
      FilterExpression: '#entity = :entity AND #status IN (:moving, :undoing)',
      ExpressionAttributeNames: { '#entity': 'entity', '#status': 'status' },
      ExpressionAttributeValues: {
        ':pk': keys.contactPartition(this.#tenantId, targetId).pk,
        ':merge': MERGE_PREFIX,
        ':entity': 'contact-merge',
        ':moving': 'moving',
        ':undoing': 'undoing',
      },
      ConsistentRead: true,
    });
    for (const item of pending) {
      const record = recordOf<MergeRecord>(item);
      if (record.status === 'moving') {
        await this.#runMoves(this.#mergeMoves(record, await this.#partition(record.sourceId)));
        await this.#send([this.#statusChange(record, 'moving', 'done')]);
      } else {
        await this.#runMoves(await this.#undoMoves(record, await this.#snapshotDays(record)));
        await this.#send([
          this.#statusChange(record, 'undoing', 'undone'),
          { Delete: { TableName: this.#table.tableName, Key: keys.contactMergeSnapshot(this.#tenantId, record.targetId, record.mergeId) } },
        ]);
      }
    }
  }

  /**
   * All in one audited transaction when it fits; else everything but the moves with the record at
   * `pending`, then the moves, then the record at `final`.
   */
  async #commit(core: (status: MergeStatus) => TransactItem[], moves: TransactItem[][], audit: Audited, record: MergeRecord, final: MergeStatus, pending: MergeStatus) {
    const inline = core(final);
    const moved = moves.flat();
    if (inline.length + moved.length <= AUDITED_ITEMS) {
      await this.#table.writer.write(this.#tenantId, audit.context, audit.entry, [...inline, ...moved]);
      return;
    }
    await this.#table.writer.write(this.#tenantId, audit.context, audit.entry, core(pending));
    await this.#runMoves(moves);
    await this.#send([
      this.#statusChange(record, pending, final),
      ...(final === 'undone' ? [{ Delete: { TableName: this.#table.tableName, Key: keys.contactMergeSnapshot(this.#tenantId, record.targetId, record.mergeId) } }] : []),
    ]);
  }

  /** The source's records into the target's partition, and its behaviour days added to the target's. */
  #mergeMoves(record: MergeRecord, sourceItems: Record<string, unknown>[]): TransactItem[][] {
    const moves: TransactItem[][] = [];
    for (const item of sourceItems) {
      const sk = String(item.sk);
      if (RECORD_PREFIXES.some((prefix) => sk.startsWith(prefix))) {
        const { pk: _pk, ...rest } = item;
        moves.push([
          { Put: { TableName: this.#table.tableName, Item: { ...rest, pk: keys.contactPartition(this.#tenantId, record.targetId).pk, contactId: record.targetId, mergedFrom: record.mergeId } } },
          this.#deleteExisting({ pk: String(item.pk), sk }),
        ]);
      } else if (sk.startsWith(BEHAVIOUR_PREFIX)) {
        moves.push([this.#addDay(record.targetId, dayOf(item), 1), this.#deleteExisting({ pk: String(item.pk), sk })]);
      } else if (sk.startsWith(MERGE_PREFIX)) {
        // Earlier merges into the source: their target is gone, so they cannot be undone, and
        // their snapshots (another contact's personal data) go now rather than linger unlisted.
        moves.push([this.#deleteExisting({ pk: String(item.pk), sk })]);
      }
    }
    return moves;
  }

  /** The moved records back to the source's partition, and the source's behaviour taken back out of the target's days. */
  async #undoMoves(record: MergeRecord, days: SnapshotDay[]): Promise<TransactItem[][]> {
    const moved = await queryAll(this.#table.client, {
      TableName: this.#table.tableName,
      KeyConditionExpression: 'pk = :pk',
      FilterExpression: 'mergedFrom = :merge',
      ExpressionAttributeValues: { ':pk': keys.contactPartition(this.#tenantId, record.targetId).pk, ':merge': record.mergeId },
      ConsistentRead: true,
    });
    const restoredDays = new Set((await this.#partition(record.sourceId, BEHAVIOUR_PREFIX)).map((item) => String(item.sk)));
    const targetDays = new Map((await this.#partition(record.targetId, BEHAVIOUR_PREFIX)).map((item) => [String(item.day), dayOf(item)]));
    const moves: TransactItem[][] = moved.map((item) => {
      const { pk: _pk, mergedFrom: _mergedFrom, ...rest } = item;
      return [
        { Put: { TableName: this.#table.tableName, Item: { ...rest, pk: keys.contactPartition(this.#tenantId, record.sourceId).pk, contactId: record.sourceId } } },
        this.#deleteExisting({ pk: String(item.pk), sk: String(item.sk) }),
      ];
    });
    for (const day of days) {
      const key = keys.contactBehaviourDay(this.#tenantId, record.sourceId, day.day);
      if (restoredDays.has(key.sk)) continue;
      const { newToTarget, ...totals } = day;
      // A day the merge created on the target goes again if nothing has been added to it since.
      const untouched = newToTarget && sameTotals(targetDays.get(day.day), totals);
      moves.push([
        { Put: { TableName: this.#table.tableName, Item: { ...key, entity: 'behaviour-day', contactId: record.sourceId, ...totals }, ConditionExpression: 'attribute_not_exists(pk)' } },
        untouched ? this.#deleteUnchangedDay(record.targetId, totals) : this.#addDay(record.targetId, totals, -1),
      ]);
    }
    return moves;
  }

  /** Transactions of whole pairs, 50 pairs each. */
  async #runMoves(moves: TransactItem[][]): Promise<void> {
    let batch: TransactItem[] = [];
    for (const pair of moves) {
      if (batch.length + pair.length > TRANSACTION_ITEMS) {
        await this.#send(batch);
        batch = [];
      }
      batch.push(...pair);
    }
    if (batch.length > 0) await this.#send(batch);
  }

  async #send(items: TransactItem[]): Promise<void> {
    await this.#table.client.send(new TransactWriteCommand({ TransactItems: items }));
  }

  async #partition(contactId: string, prefix?: string): Promise<Record<string, unknown>[]> {
    return queryAll(this.#table.client, {
      TableName: this.#table.tableName,
      KeyConditionExpression: prefix === undefined ? 'pk = :pk' : 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.contactPartition(this.#tenantId, contactId).pk, ...(prefix === undefined ? {} : { ':prefix': prefix }) },
      ConsistentRead: true,
    });
  }

  async #get(key: PrimaryKey): Promise<Record<string, unknown> | undefined> {
    const { Item } = await this.#table.client.send(new GetCommand({ TableName: this.#table.tableName, Key: key, ConsistentRead: true }));
    return Item;
  }

  async #snapshotDays(record: MergeRecord): Promise<SnapshotDay[]> {
    const snapshot = await this.#get(keys.contactMergeSnapshot(this.#tenantId, record.targetId, record.mergeId));
    return (snapshot?.behaviour as SnapshotDay[] | undefined) ?? [];
  }

  #putProfile(contact: StoredContact, expected: { version: number }): TransactItem {
    return {
      Put: {
        TableName: this.#table.tableName,
        Item: contactItem(this.#tenantId, contact),
        ConditionExpression: '#version = :version',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':version': expected.version },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    };
  }

  /** The target's company snapshot when its company changes: written for a new company, deleted without one. */
  #companySnapshotChange(before: StoredContact, after: StoredContact, company: MergePlan['company']): TransactItem[] {
    if (after.companyId === before.companyId) return [];
    const key = keys.contactCompany(this.#tenantId, after.id);
    return [company ? { Put: { TableName: this.#table.tableName, Item: snapshotItem(this.#tenantId, after.id, company) } } : { Delete: { TableName: this.#table.tableName, Key: key } }];
  }

  #recordItem(record: MergeRecord): Record<string, unknown> {
    return { ...keys.contactMerge(this.#tenantId, record.targetId, record.mergeId), entity: 'contact-merge', ...record };
  }

  #statusChange(record: MergeRecord, from: MergeStatus, to: MergeStatus): TransactItem {
    return {
      Update: {
        TableName: this.#table.tableName,
        Key: keys.contactMerge(this.#tenantId, record.targetId, record.mergeId),
        UpdateExpression: 'SET #status = :to',
        ConditionExpression: '#status = :from',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':from': from, ':to': to },
      },
    };
  }

  /** Deletes an item that must still be there, so a move finished twice moves nothing twice. */
  #deleteExisting(key: PrimaryKey): TransactItem {
    return { Delete: { TableName: this.#table.tableName, Key: key, ConditionExpression: 'attribute_exists(pk)' } };
  }

  /** Deletes a contact's day on the condition that it still holds exactly `totals` (an event since would fail the move, to be retried). */
  #deleteUnchangedDay(contactId: string, totals: DayTotals): TransactItem {
    return {
      Delete: {
        TableName: this.#table.tableName,
        Key: keys.contactBehaviourDay(this.#tenantId, contactId, totals.day),
        ConditionExpression: 'pageViews = :views AND clicks = :clicks AND dwellSeconds = :dwell',
        ExpressionAttributeValues: { ':views': totals.pageViews, ':clicks': totals.clicks, ':dwell': totals.dwellSeconds },
      },
    };
  }

  /** Adds (sign 1) or takes out (sign −1) one day's totals on a contact's day, which ADD creates if need be. */
  #addDay(contactId: string, day: DayTotals, sign: 1 | -1): TransactItem {
    return {
      Update: {
        TableName: this.#table.tableName,
        Key: keys.contactBehaviourDay(this.#tenantId, contactId, day.day),
        UpdateExpression: 'SET entity = :entity, contactId = :contactId, #day = :day ADD pageViews :views, clicks :clicks, dwellSeconds :dwell',
        ExpressionAttributeNames: { '#day': 'day' },
        ExpressionAttributeValues: {
          ':entity': 'behaviour-day',
          ':contactId': contactId,
          ':day': day.day,
          ':views': sign * day.pageViews,
          ':clicks': sign * day.clicks,
          ':dwell': sign * day.dwellSeconds,
        },
      },
    };
  }
}

function sameTotals(a: DayTotals | undefined, b: DayTotals): boolean {
  return a !== undefined && a.pageViews === b.pageViews && a.clicks === b.clicks && a.dwellSeconds === b.dwellSeconds;
}

function dayOf(item: Record<string, unknown>): DayTotals {
  return { day: String(item.day), pageViews: Number(item.pageViews ?? 0), clicks: Number(item.clicks ?? 0), dwellSeconds: Number(item.dwellSeconds ?? 0) };
}

/** Which condition failed tells what changed: the target, the source, or a company. */
function mergeFailure(error: unknown, target: StoredContact, source: StoredContact): unknown {
  if (!(error instanceof ChangeConditionFailedError)) return error;
  const current = (error.item as { version?: number } | undefined)?.version;
  if (error.index === 0) return current === undefined ? new NotFoundError('contact', target.id, { cause: error }) : new VersionConflictError('contact', target.id, target.version, current, { cause: error });
  if (error.index === 1) return current === undefined ? new NotFoundError('contact', source.id, { cause: error }) : new VersionConflictError('contact', source.id, source.version, current, { cause: error });
  return new InvalidInputError('companyId', 'is not a company in this workspace');
}
