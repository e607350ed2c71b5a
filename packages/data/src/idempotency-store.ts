import { createHash } from 'node:crypto';
import { IdempotencyItemAlreadyExistsError, IdempotencyItemNotFoundError } from '@aws-lambda-powertools/idempotency';
import { BasePersistenceLayer, IdempotencyRecord } from '@aws-lambda-powertools/idempotency/persistence';
import type { JSONValue } from '@aws-lambda-powertools/commons/types';
import type { IdempotencyRecordStatusValue } from '@aws-lambda-powertools/idempotency/types';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { keys, type PrimaryKey } from './keys';

/** What an idempotent request is remembered by: the key's scope, and the input a retry must repeat. */
export interface IdempotentRequest {
  tenantId: string;
  /** Caller, route and the client's key: the same key from another user or route is another request. */
  scope: readonly string[];
  /** Hashed and compared on a retry (the same key with another input is refused). */
  payload: unknown;
}

const ENTITY = 'idempotency';

/**
 * Encrypts a kept answer under the tenant's data key (`@rapport/crypto`'s field cipher): the
 * answers of routes whose records hold encrypted personal fields hold them in clear, and the
 * table must not keep them so, nor past the tenant's crypto-shredding.
 */
export interface AnswerCipher {
  encrypt(scope: { itemKey: string; field: string }, plaintext: string): Promise<string>;
  decrypt(scope: { itemKey: string; field: string }, stored: string): Promise<string>;
}

export interface DynamoIdempotencyStoreOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  /** For routes whose answers hold personal fields: each tenant's cipher. Without it answers are kept as they are. */
  answerCipherFor?: (tenantId: string) => AnswerCipher;
}

/**
 * Powertools' idempotency records on our table, under the tenant's own keys
 * (`keys.idempotency`): its DynamoDB layer takes one key attribute of our choosing but cannot lead
 * it with the tenant. The record's `idempotencyKey` is `<tenantId>#<scope hash>`, from which
 * `keys.ts` builds the item's key; `expiresAt` is the table's TTL attribute.
 */
export class DynamoIdempotencyStore extends BasePersistenceLayer {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;
  readonly #answerCipherFor: DynamoIdempotencyStoreOptions['answerCipherFor'];

  constructor(options: DynamoIdempotencyStoreOptions) {
    super();
    this.#client = options.client;
    this.#tableName = options.tableName;
    this.#answerCipherFor = options.answerCipherFor;
  }

  /** Whether kept answers are encrypted. */
  get sealsAnswers(): boolean {
    return this.#answerCipherFor !== undefined;
  }

  /** Replaces Powertools' `<function name>#<hash of the event>`: the tenant leads, the scope is digested. */
  override getHashedIdempotencyKey(data: JSONValue): string {
    const { tenantId, scope } = data as unknown as IdempotentRequest;
    const scopeHash = createHash('sha256').update(JSON.stringify(scope)).digest('base64url');
    return `${tenantId}#${scopeHash}`;
  }

  protected async _putRecord(record: IdempotencyRecord): Promise<void> {
    const now = Date.now();
    try {
      await this.#client.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: {
            ...itemKeyOf(record.idempotencyKey),
            entity: ENTITY,
            status: record.getStatus(),
            expiresAt: record.expiryTimestamp,
            ...(record.inProgressExpiryTimestamp === undefined ? {} : { inProgressExpiresAtMs: record.inProgressExpiryTimestamp }),
            payloadHash: record.payloadHash,
          },
          // Free to take: never used, expired (TTL deletes late; compared as Powertools' isExpired does, in fractional
          // seconds), or in progress by an invocation that ran out of time.
          ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now OR (#status = :inProgress AND inProgressExpiresAtMs < :nowMs)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':now': now / 1000, ':nowMs': now, ':inProgress': 'INPROGRESS' },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
      const item = (error as { Item?: Parameters<typeof unmarshall>[0] }).Item;
      throw new IdempotencyItemAlreadyExistsError(
        'An earlier request holds this idempotency key',
        item ? await this.#recordOf(record.idempotencyKey, unmarshall(item)) : undefined,
      );
    }
  }

  protected async _getRecord(idempotencyKey: string): Promise<IdempotencyRecord> {
    const { Item } = await this.#client.send(new GetCommand({ TableName: this.#tableName, Key: itemKeyOf(idempotencyKey), ConsistentRead: true }));
    if (!Item) throw new IdempotencyItemNotFoundError('No record for this idempotency key');
    return this.#recordOf(idempotencyKey, Item);
  }

  protected async _updateRecord(record: IdempotencyRecord): Promise<void> {
    const response = await this.#sealed(record.idempotencyKey, record.getResponse());
    await this.#client.send(
      new UpdateCommand({
        TableName: this.#tableName,
        Key: itemKeyOf(record.idempotencyKey),
        UpdateExpression: 'SET #status = :status, expiresAt = :expiresAt, responseData = :response, payloadHash = :payloadHash REMOVE inProgressExpiresAtMs',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':status': record.getStatus(),
          ':expiresAt': record.expiryTimestamp,
          ':response': response,
          ':payloadHash': record.payloadHash,
        },
      }),
    );
  }

  protected async _deleteRecord(record: IdempotencyRecord): Promise<void> {
    await this.#client.send(new DeleteCommand({ TableName: this.#tableName, Key: itemKeyOf(record.idempotencyKey) }));
  }

  /** The answer as the item holds it: encrypted (a string) where the store has a cipher. */
  async #sealed(idempotencyKey: string, response: JSONValue): Promise<JSONValue> {
    if (!this.#answerCipherFor || response === undefined) return response;
    const [tenantId, scopeHash] = partsOf(idempotencyKey);
    return this.#answerCipherFor(tenantId).encrypt(answerScope(scopeHash), JSON.stringify(response));
  }

  async #recordOf(idempotencyKey: string, item: Record<string, unknown>): Promise<IdempotencyRecord> {
    let responseData = item.responseData as JSONValue;
    if (this.#answerCipherFor && typeof responseData === 'string') {
      const [tenantId, scopeHash] = partsOf(idempotencyKey);
      responseData = JSON.parse(await this.#answerCipherFor(tenantId).decrypt(answerScope(scopeHash), responseData)) as JSONValue;
    }
    return new IdempotencyRecord({
      idempotencyKey,
      status: item.status as IdempotencyRecordStatusValue,
      expiryTimestamp: item.expiresAt as number | undefined,
      inProgressExpiryTimestamp: item.inProgressExpiresAtMs as number | undefined,
      responseData,
      payloadHash: item.payloadHash as string | undefined,
    });
  }
}

/** `<tenantId>#<scope hash>`: neither holds a `#`. */
function partsOf(idempotencyKey: string): [string, string] {
  const [tenantId, scopeHash] = idempotencyKey.split('#');
  return [tenantId!, scopeHash!];
}

function itemKeyOf(idempotencyKey: string): PrimaryKey {
  return keys.idempotency(...partsOf(idempotencyKey));
}

/** Binds the encrypted answer to its key's item: copied to another, it does not open. */
const answerScope = (scopeHash: string) => ({ itemKey: `IDEMPOTENCY#${scopeHash}`, field: 'response' });
