import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';

/** A transaction cancelled because a condition no longer held or another write met it on an item: planned again from a fresh read, not an error. */
export const lostRace = (error: unknown): boolean =>
  error instanceof TransactionCanceledException &&
  (error.CancellationReasons ?? []).some((reason) => reason.Code === 'ConditionalCheckFailed' || reason.Code === 'TransactionConflict');
