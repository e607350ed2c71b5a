import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { NotFoundError, VersionConflictError } from '@rapport/domain';

/**
 * Turns a failed `attribute_exists(pk) [AND version = :expected]` condition into the domain's
 * answer. The write asks DynamoDB for the item as it was (ReturnValuesOnConditionCheckFailure), so
 * "does not exist" and "changed since you read it" are told apart without a second read.
 */
export function conditionFailure(error: unknown, entity: string, id: string, expectedVersion?: number): unknown {
  if (!(error instanceof ConditionalCheckFailedException)) return error;
  if (!error.Item || expectedVersion === undefined) return new NotFoundError(entity, id, { cause: error });
  const current = unmarshall(error.Item) as { version?: number };
  return new VersionConflictError(entity, id, expectedVersion, current.version ?? 0, { cause: error });
}

/** The condition and values that guard an update or delete of an existing, optionally versioned item. */
export function existingItemCondition(expectedVersion?: number) {
  if (expectedVersion === undefined) {
    return { ConditionExpression: 'attribute_exists(pk)', values: {} };
  }
  return {
    ConditionExpression: 'attribute_exists(pk) AND #version = :expectedVersion',
    values: { ':expectedVersion': expectedVersion },
  };
}
