import { monotonicFactory } from 'ulid';
import { ULID_PATTERN } from './id-pattern';

const nextUlid = monotonicFactory();

/** A new ULID: unique, and sortable by creation time, so lists page in creation order. */
export function newId(): string {
  return nextUlid();
}

export { ULID_PATTERN };

export function isId(value: string): boolean {
  return ULID_PATTERN.test(value);
}
