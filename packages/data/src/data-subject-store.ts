import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { NotFoundError, type Audited, type DataSubjectStore, type ErasedCounts, type SubjectHoldings } from '@rapport/domain';
import { batchDelete } from './batch-delete';
import { deleteContactPartition } from './contact-deletion';
import { keyOf, readSubject, type SubjectTable } from './data-subject-holdings';
import { keys, type PrimaryKey } from './keys';
import { queryAll } from './query-all';

/** The import kinds whose row claims can name the person's records (a company is not a person's). */
const PERSONAL_IMPORTS = ['contacts', 'transactions'] as const;

/**
 * A tenant's data about one person (see {@link DataSubjectStore}). Erasure deletes, in this order:
 * the records outside the contact's partition (tickets with their replies, tasks, campaign
 * conversions and survey requests; the person's id out of each audience chunk; raw behaviour
 * events; the claims of imported rows that created their records, so the same row can be
 * imported again as a new person), then the partition itself through the contact deletion: the
 * profile (with the email's blind index), the phone and name lookups, every record, the company
 * link and the deals, in one audited transaction (larger partitions as that deletion says).
 * Everything before the profile is idempotent and the profile is still there if it fails, so a
 * repeated request finishes an erasure a failure cut short.
 *
 * Deals are deleted rather than kept without their person: a deal is with this customer, its
 * title names them, and the pipeline counts move with it, as when the contact is deleted.
 */
export class DynamoDataSubjectStore implements DataSubjectStore {
  readonly #table: SubjectTable;
  readonly #tenantId: string;

  constructor(table: SubjectTable, tenantId: string) {
    this.#table = table;
    this.#tenantId = tenantId;
  }

  async holdings(contactId: string): Promise<SubjectHoldings | null> {
    return (await readSubject(this.#table, this.#tenantId, contactId))?.holdings ?? null;
  }

  async erase(contactId: string, audit: (counts: ErasedCounts) => Audited): Promise<ErasedCounts> {
    const tenantId = this.#tenantId;
    const found = await readSubject(this.#table, tenantId, contactId);
    if (!found) throw new NotFoundError('contact', contactId);
    const { holdings } = found;
    const { collection } = holdings;
    const lookups = await this.#lookupKeys(contactId);
    const events = await this.#behaviourEventKeys(contactId, collection.behaviour.map((day) => day.day));
    const recordIds = new Set([contactId, ...collection.transactions.map((record) => record.id)]);
    const claims = await this.#importClaimKeys(recordIds);

    const counts: ErasedCounts = {
      contacts: 1,
      // The email's blind index lives on the profile; phone and name have items of their own.
      lookups: lookups.length + (collection.profile.email === undefined ? 0 : 1),
      companyLinks: collection.company ? 1 : 0,
      transactions: collection.transactions.length,
      interactions: collection.interactions.length,
      feedback: collection.feedback.length,
      behaviourDays: collection.behaviour.length,
      behaviourEvents: events.length,
      deals: collection.deals.length,
      tickets: holdings.tickets.length,
      ticketReplies: holdings.tickets.reduce((sum, { replies }) => sum + replies.length, 0),
      tasks: holdings.tasks.length,
      scores: collection.scores ? 1 : 0,
      campaignAudiences: found.audienceChunks.length,
      campaignConversions: found.conversionKeys.length,
      surveyRequests: found.surveyKeys.length,
      importRowClaims: claims.length,
    };

    const { client, tableName } = this.#table;
    await batchDelete(client, tableName, [
      ...found.ticketKeys,
      ...holdings.tasks.map((task) => keys.task(tenantId, task.id)),
      ...found.conversionKeys,
      ...found.surveyKeys,
      ...events,
      ...claims,
    ]);
    for (const chunk of found.audienceChunks) await this.#withoutMember(chunk, contactId);
    await deleteContactPartition(this.#table, tenantId, contactId, undefined, audit(counts));
    return counts;
  }

  /** The phone and name lookup items (the profile's own index entry goes with it). */
  async #lookupKeys(contactId: string): Promise<PrimaryKey[]> {
    const items = await queryAll(this.#table.client, {
      TableName: this.#table.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :lookup)',
      ExpressionAttributeValues: { ':pk': keys.contactPartition(this.#tenantId, contactId).pk, ':lookup': keys.contactLookupPrefix },
      ProjectionExpression: 'pk, sk',
      ConsistentRead: true,
    });
    return items.map(keyOf);
  }

  /** The raw events of the days the person has behaviour on (the daily aggregates name them; older days have expired). */
  async #behaviourEventKeys(contactId: string, days: string[]): Promise<PrimaryKey[]> {
    const found: PrimaryKey[] = [];
    for (const day of days) {
      const { pk, skPrefix } = keys.rawBehaviourEventsOf(this.#tenantId, day, contactId);
      const items = await queryAll(this.#table.client, {
        TableName: this.#table.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': skPrefix },
        ProjectionExpression: 'pk, sk',
        ConsistentRead: true,
      });
      found.push(...items.map(keyOf));
    }
    return found;
  }

  /**
   * The claims of the imported rows that created the person or their orders. A claim's key is a
   * fingerprint (an HMAC of the row), so they are found by the record each names: the claim
   * partitions of the person's kinds, read keys and record ids only.
   */
  async #importClaimKeys(recordIds: Set<string>): Promise<PrimaryKey[]> {
    // The 64 shards of a kind are read at once: one after another, they are most of an erasure's time.
    const partitions = PERSONAL_IMPORTS.flatMap((entity) => keys.importRowClaimPartitions(this.#tenantId, entity));
    const claims = await Promise.all(
      partitions.map((pk) =>
        queryAll(this.#table.client, { TableName: this.#table.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ProjectionExpression: 'pk, sk, recordId' }),
      ),
    );
    return claims.flat().filter((item) => recordIds.has(String(item.recordId))).map(keyOf);
  }

  /**
   * Takes the person out of one audience chunk. A chunk is keyed by its first id (so a lookup finds
   * the chunk a contact would be in); when that is the person's, the chunk moves to its next id,
   * in one transaction. An emptied chunk is deleted.
   */
  async #withoutMember(chunk: Record<string, unknown>, contactId: string): Promise<void> {
    const { client, tableName } = this.#table;
    const contactIds = (chunk.contactIds as string[]).filter((id) => id !== contactId);
    const old = keyOf(chunk);
    if (contactIds.length === 0) {
      await batchDelete(client, tableName, [old]);
      return;
    }
    const moved = keys.campaignAudienceChunk(this.#tenantId, String(chunk.campaignId), String(chunk.launchId), contactIds[0]!);
    const next = { ...chunk, ...moved, contactIds };
    await client.send(
      new TransactWriteCommand({
        TransactItems: [...(moved.sk === old.sk ? [] : [{ Delete: { TableName: tableName, Key: old } }]), { Put: { TableName: tableName, Item: next } }],
      }),
    );
  }
}
