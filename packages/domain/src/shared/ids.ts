import { monotonicFactory } from 'ulid';

const nextUlid = monotonicFactory();

/** A new ULID: unique, and sortable by creation time, so lists page in creation order. */
export function newId(): string {
  return nextUlid();
}

/** Crockford base32, 26 characters: what {@link newId} produces. */
export const ULID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;

export function isId(value: string): boolean {
  return ULID_PATTERN.test(value);
}
