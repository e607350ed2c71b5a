import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
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
    const { lookups, blindIndexes } = await this.#lookups(contactId);
    const jobs = await this.#importJobs();
    const seen = await this.#importSeenKeys(jobs, blindIndexes);
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
      importSeenValues: seen.length,
    };

    const { client, tableName } = this.#table;
    await batchDelete(client, tableName, [
      ...found.ticketKeys,
      ...holdings.tasks.map((task) => keys.task(tenantId, task.id)),
      ...found.conversionKeys,
      ...found.surveyKeys,
      ...events,
      ...claims,
      ...seen,
    ]);
    for (const chunk of found.audienceChunks) await this.#withoutMember(chunk, contactId);
    for (const job of jobs) await this.#dryRunWithout(job, contactId);
    await deleteContactPartition(this.#table, tenantId, contactId, undefined, audit(counts));
    return counts;
  }

  /**
   * The phone and name lookup items (the profile's own index entry goes with it), and the blind
   * indexes of the person's email, phone and name, as the profile and lookups carry them.
   */
  async #lookups(contactId: string): Promise<{ lookups: PrimaryKey[]; blindIndexes: string[] }> {
    const items = await queryAll(this.#table.client, {
      TableName: this.#table.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :lookup)',
      ExpressionAttributeValues: { ':pk': keys.contactPartition(this.#tenantId, contactId).pk, ':lookup': keys.contactLookupPrefix },
      ProjectionExpression: 'pk, sk, gsi3pk',
      ConsistentRead: true,
    });
    const profile = await this.#table.client.send(
      new GetCommand({ TableName: this.#table.tableName, Key: keys.contact(this.#tenantId, contactId), ProjectionExpression: 'gsi3pk', ConsistentRead: true }),
    );
    const indexed = [profile.Item?.gsi3pk, ...items.map((item) => item.gsi3pk)].filter((key): key is string => typeof key === 'string');
    return { lookups: items.map(keyOf), blindIndexes: indexed.map(keys.blindIndexAtEnd) };
  }

  /**
   * The values dry runs saw in import files, by blind index: a seen email or phone of the person
   * would still say the workspace had it. Read per import job (the tenant's listing), keys only.
   */
  async #importSeenKeys(jobs: Record<string, unknown>[], blindIndexes: string[]): Promise<PrimaryKey[]> {
    if (blindIndexes.length === 0) return [];
    const wanted = new Set(blindIndexes);
    const seen = await Promise.all(
      jobs.map((job) =>
        queryAll(this.#table.client, {
          TableName: this.#table.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :seen)',
          ExpressionAttributeValues: { ':pk': String(job.pk), ':seen': keys.importSeenPrefix },
          ProjectionExpression: 'pk, sk',
          ConsistentRead: true,
        }),
      ),
    );
    return seen.flat().filter((item) => wanted.has(keys.blindIndexAtEnd(String(item.sk)))).map(keyOf);
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

  /** The tenant's import jobs: keys and dry-run reports. */
  #importJobs(): Promise<Record<string, unknown>[]> {
    return queryAll(this.#table.client, {
      TableName: this.#table.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :listing',
      ExpressionAttributeValues: { ':listing': keys.importJobListing(this.#tenantId).gsi1pk },
      ProjectionExpression: 'pk, sk, dryRun',
    });
  }

  /**
   * Takes the person's id out of a dry run's duplicate warnings (a row that matched them names
   * them as an existing contact); a warning left naming no one goes, and the count with it.
   */
  async #dryRunWithout(job: Record<string, unknown>, contactId: string): Promise<void> {
    type Warning = { existingContactIds?: string[]; duplicateOfRow?: number };
    const report = job.dryRun as { duplicates?: Warning[]; duplicateCount?: number } | undefined;
    if (!report?.duplicates?.some((warning) => warning.existingContactIds?.includes(contactId))) return;
    const duplicates = report.duplicates
      .map((warning): Warning => {
        if (!warning.existingContactIds?.includes(contactId)) return warning;
        const { existingContactIds, ...rest } = warning;
        const others = existingContactIds.filter((id) => id !== contactId);
        return others.length > 0 ? { ...rest, existingContactIds: others } : rest;
      })
      .filter((warning) => warning.existingContactIds !== undefined || warning.duplicateOfRow !== undefined);
    const dropped = report.duplicates.length - duplicates.length;
    await this.#table.client.send(
      new UpdateCommand({
        TableName: this.#table.tableName,
        Key: keyOf(job),
        UpdateExpression: 'SET #dryRun.#duplicates = :duplicates, #dryRun.#count = #dryRun.#count - :dropped',
        ConditionExpression: 'attribute_exists(#dryRun.#count)',
        ExpressionAttributeNames: { '#dryRun': 'dryRun', '#duplicates': 'duplicates', '#count': 'duplicateCount' },
        ExpressionAttributeValues: { ':duplicates': duplicates, ':dropped': dropped },
      }),
    );
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
