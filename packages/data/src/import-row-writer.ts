import { BatchGetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { Audited, BatchConflict, ImportEntity, ImportJob, ImportRecord, ImportRowWriter, StoredContact } from '@rapport/domain';
import { AuditedWriter, ChangeConditionFailedError, type TransactItem } from './audited-writer';
import { companyItem } from './company-repository';
import { completenessItems, contactItem, lookupItems } from './contact-lookups';
import type { TableOptions } from './contact-repository';
import { customerRecordItem } from './customer-record-repository';
import { importJobItem, importJobVersionCondition } from './import-job-repository';
import { keys } from './keys';

/** DynamoDB's limit on the items of one transaction. */
const TRANSACTION_ITEMS = 100;
/** Items every batch adds besides its rows: the job, the audit event, the chain head, and the contacts' completeness totals. */
const BATCH_OVERHEAD = 4;
/**
 * Items per row: the record and its claim; a contact also its phone and name lookups (as the API
 * writes them, so imported contacts are found as duplicates); an order checks its contact still exists.
 */
const ITEMS_PER_ROW: Record<ImportEntity, number> = { contacts: 4, companies: 2, transactions: 3 };
const BATCH_GET_KEYS = 100;

/**
 * Writes imported rows of one tenant in batched transactions (up to 100 items): per row its record
 * and the claim on its fingerprint, then the job with its moved cursor (on the condition of its
 * version) and one audit event naming the created records, which moves the tenant's chain head
 * once per batch instead of once per row.
 */
export class DynamoImportRowWriter implements ImportRowWriter {
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

  maxRowsPerBatch(entity: ImportEntity): number {
    return Math.floor((TRANSACTION_ITEMS - BATCH_OVERHEAD) / ITEMS_PER_ROW[entity]);
  }

  async claimed(entity: ImportEntity, fingerprints: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    const unique = [...new Set(fingerprints)];
    const groups: string[][] = [];
    for (let start = 0; start < unique.length; start += BATCH_GET_KEYS) groups.push(unique.slice(start, start + BATCH_GET_KEYS));
    // The groups of a chunk at once: each BatchGet is a round trip, and they do not depend on each other.
    await Promise.all(
      groups.map(async (group) => {
        let requested: Record<string, unknown>[] = group.map((fingerprint) => ({ ...keys.importRowClaim(this.#tenantId, entity, fingerprint) }));
        for (let attempt = 0; requested.length > 0; attempt++) {
          if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt)));
          const result = await this.#client.send(
            new BatchGetCommand({ RequestItems: { [this.#tableName]: { Keys: requested, ProjectionExpression: 'sk', ConsistentRead: true } } }),
          );
          for (const item of result.Responses?.[this.#tableName] ?? []) found.add(String(item.sk));
          requested = result.UnprocessedKeys?.[this.#tableName]?.Keys ?? [];
        }
      }),
    );
    return found;
  }

  async writeBatch(
    entity: ImportEntity,
    { job, expectedVersion, records, audit }: { job: ImportJob; expectedVersion: number; records: readonly ImportRecord[]; audit: Audited },
  ): Promise<BatchConflict | null> {
    const jobPut = { TableName: this.#tableName, Item: importJobItem(this.#tenantId, job), ...importJobVersionCondition(expectedVersion) };
    if (records.length === 0) {
      // Nothing created (every row invalid or imported before): only the checkpoint moves.
      try {
        await this.#client.send(new PutCommand(jobPut));
        return null;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return { kind: 'job' };
        throw error;
      }
    }
    const changes: TransactItem[] = [{ Put: jobPut }];
    const owners: { index: number; kind: 'claimed' | 'contact_gone' }[] = [{ index: -1, kind: 'claimed' }];
    records.forEach((record, index) => {
      for (const item of this.#rowItems(entity, record)) {
        changes.push(item.change);
        owners.push({ index, kind: item.kind });
      }
    });
    // The workspace's completeness totals move once for the whole batch (an item may appear only once
    // in a transaction), on the shard of the batch's first contact.
    const contacts = records.flatMap((record) => (record.kind === 'contact' ? [record.value] : []));
    if (contacts.length > 0) changes.push(...completenessItems(this.#tableName, this.#tenantId, contacts[0]!.id, ...contacts.map((contact): [undefined, StoredContact] => [undefined, contact])));
    try {
      await this.#writer.write(this.#tenantId, audit.context, audit.entry, changes);
      return null;
    } catch (error) {
      if (!(error instanceof ChangeConditionFailedError)) throw error;
      if (error.index === 0) return { kind: 'job' };
      const owner = owners[error.index]!;
      return { kind: owner.kind, index: owner.index };
    }
  }

  #rowItems(entity: ImportEntity, record: ImportRecord): { change: TransactItem; kind: 'claimed' | 'contact_gone' }[] {
    const claim: TransactItem = {
      Put: {
        TableName: this.#tableName,
        Item: { ...keys.importRowClaim(this.#tenantId, entity, record.fingerprint), entity: 'import-row', recordId: record.value.id },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
    const put = (item: Record<string, unknown>): TransactItem => ({ Put: { TableName: this.#tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } });
    switch (record.kind) {
      case 'contact':
        return [
          { change: claim, kind: 'claimed' },
          { change: put(contactItem(this.#tenantId, record.value)), kind: 'claimed' },
          // A new contact has nothing to delete: only the lookups it has.
          ...lookupItems(this.#tableName, this.#tenantId, record.value)
            .filter((item) => item.Put !== undefined)
            .map((change) => ({ change, kind: 'claimed' as const })),
        ];
      case 'company':
        return [{ change: claim, kind: 'claimed' }, { change: put(companyItem(this.#tenantId, record.value)), kind: 'claimed' }];
      case 'transaction':
        return [
          { change: claim, kind: 'claimed' },
          {
            change: { ConditionCheck: { TableName: this.#tableName, Key: keys.contact(this.#tenantId, record.value.contactId), ConditionExpression: 'attribute_exists(pk)' } },
            kind: 'contact_gone',
          },
          { change: put(customerRecordItem(this.#tenantId, 'transaction', record.value)), kind: 'claimed' },
        ];
    }
  }
}
