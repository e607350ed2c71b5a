import { KEY_ATTRIBUTES } from './keys';

/** The record stored under an item's keys, without the keys themselves. */
export function recordOf<T>(item: Record<string, unknown>): T {
  const record = { ...item };
  for (const attribute of KEY_ATTRIBUTES) delete record[attribute];
  return record as T;
}
