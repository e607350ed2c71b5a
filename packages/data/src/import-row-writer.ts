import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Audited, BatchConflict, ClaimedRecord, ImportEntity, ImportRowWriter, RowClaim } from '@rapport/domain';
import { AuditedWriter, ChangeConditionFailedError, type TransactItem } from './audited-writer';
import { companyItem } from './company-repository';
import { contactItem, newContactLookupItems } from './contact-lookups';
import type { TableOptions } from './contact-repository';
import { customerRecordItem } from './customer-record-repository';
import { keys } from './keys';

/** DynamoDB's limit on the items of one transaction. */
const TRANSACTION_ITEMS = 100;
/** Items every batch adds besides its rows: its audit event (the completeness totals follow from the stream). */
const BATCH_OVERHEAD = 1;
/**
 * Items per row: the record and its claim; a contact also its phone and name lookups (as the API
 * writes them, so imported contacts are found as duplicates); an order checks its contact still exists.
 */
const ITEMS_PER_ROW: Record<ImportEntity, number> = { contacts: 4, companies: 2, transactions: 3 };
const BATCH_GET_KEYS = 100;

/**
 * Writes imported rows of one tenant in batched transactions (up to 100 items): per row its record
 * and the claim on its fingerprint (naming the import and row that wrote it), and one audit event
 * naming the created records. No item of the job is in the transaction, so a chunk's batches (and
 * chunks) are written at once; the worker records the chunk done after them.
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

  async claimed(entity: ImportEntity, fingerprints: readonly string[]): Promise<Map<string, RowClaim>> {
    const found = new Map<string, RowClaim>();
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
            new BatchGetCommand({
              RequestItems: {
                [this.#tableName]: { Keys: requested, ProjectionExpression: 'sk, importId, #row', ExpressionAttributeNames: { '#row': 'row' }, ConsistentRead: true },
              },
            }),
          );
          for (const item of result.Responses?.[this.#tableName] ?? []) {
            found.set(String(item.sk), { ...(typeof item.importId === 'string' ? { importId: item.importId } : {}), ...(typeof item.row === 'number' ? { row: item.row } : {}) });
          }
          requested = result.UnprocessedKeys?.[this.#tableName]?.Keys ?? [];
        }
      }),
    );
    return found;
  }

  async writeBatch(entity: ImportEntity, { importId, records, audit }: { importId: string; records: readonly ClaimedRecord[]; audit: Audited }): Promise<BatchConflict | null> {
    if (records.length === 0) return null;
    const changes: TransactItem[] = [];
    const owners: { index: number; kind: 'claimed' | 'contact_gone' }[] = [];
    records.forEach((record, index) => {
      for (const item of this.#rowItems(entity, importId, record)) {
        changes.push(item.change);
        owners.push({ index, kind: item.kind });
      }
    });
    try {
      await this.#writer.write(this.#tenantId, audit.context, audit.entry, changes);
      return null;
    } catch (error) {
      if (!(error instanceof ChangeConditionFailedError)) throw error;
      const owner = owners[error.index]!;
      return { kind: owner.kind, index: owner.index };
    }
  }

  #rowItems(entity: ImportEntity, importId: string, record: ClaimedRecord): { change: TransactItem; kind: 'claimed' | 'contact_gone' }[] {
    const claim: TransactItem = {
      Put: {
        TableName: this.#tableName,
        Item: { ...keys.importRowClaim(this.#tenantId, entity, record.fingerprint), entity: 'import-row', recordId: record.value.id, importId, row: record.row },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
    const put = (item: Record<string, unknown>): TransactItem => ({ Put: { TableName: this.#tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } });
    switch (record.kind) {
      case 'contact':
        return [
          { change: claim, kind: 'claimed' },
          { change: put(contactItem(this.#tenantId, record.value)), kind: 'claimed' },
          ...newContactLookupItems(this.#tableName, this.#tenantId, record.value).map((change) => ({ change, kind: 'claimed' as const })),
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
