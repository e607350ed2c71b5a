import { ulid } from 'ulid';

/**
 * A ULID whose time part is `time` rather than now, so a record sorts by when it happened (an
 * order placed last month, a call logged afterwards) and "newest first" means what it says. Not
 * the monotonic factory: that one reuses the last time it saw whenever `time` is earlier.
 */
export function newIdAt(time: string): string {
  return ulid(Date.parse(time));
}
