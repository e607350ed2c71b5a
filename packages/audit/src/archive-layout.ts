/**
 * Where the archive keeps what, in one place. Event objects are partitioned Hive-style
 * (`tenant=…/date=…`) because that is what the Athena table's partition projection reads, with
 * `events/` as its location; digests sit apart so the table never reads them as events.
 *
 *   events/tenant=<t>/date=<YYYY-MM-DD of first event>/<firstSeq>-<lastSeq>-<chain head, 16 hex>.jsonl.gz
 *   digests/tenant=<t>/<firstSeq>-<lastSeq>.json
 *   checkpoints/tenant=<t>/<treeSize>.json
 *
 * Sequence numbers are zero-padded to 12 digits, so S3's lexicographic listing is seq order. The
 * start of the object's chain head (its last event's hash, which commits to every event before it)
 * makes the name depend on the content: two integrators that sequenced different events from the
 * same point write two objects, never one over the other.
 */

/** The Glue/Athena table location: everything under it is gzip JSON Lines of audit events. */
export const EVENTS_ROOT = 'events/';
export const DIGESTS_ROOT = 'digests/';
/** Signed heads of each tenant's Merkle tree over its events. */
export const CHECKPOINTS_ROOT = 'checkpoints/';

/** S3 user metadata on each events object (S3 lower-cases the names). */
export const EVENTS_METADATA = {
  firstSeq: 'first-seq',
  lastSeq: 'last-seq',
  /** The last event's hash: the chain head this object ends at. */
  chainHead: 'chain-head',
  eventCount: 'event-count',
} as const;

export const EVENTS_CONTENT_TYPE = 'application/x-ndjson';
export const EVENTS_CONTENT_ENCODING = 'gzip';
export const DIGEST_CONTENT_TYPE = 'application/json';

const SEQ_DIGITS = 12;
const DAY_MS = 86_400_000;

/** A sequence number as it appears in object keys. */
export const paddedSeq = (seq: number) => String(seq).padStart(SEQ_DIGITS, '0');

/** The UTC calendar date (`YYYY-MM-DD`) of an ISO time or a Date. */
export function utcDate(time: string | Date): string {
  const date = typeof time === 'string' ? new Date(time) : time;
  if (Number.isNaN(date.getTime())) throw new RangeError('Not a valid time');
  return date.toISOString().slice(0, 10);
}

/** Every UTC date from `from`'s to `to`'s, inclusive, in order. */
export function datesBetween(from: Date, to: Date): string[] {
  const dates: string[] = [];
  const last = Date.parse(utcDate(to));
  for (let day = Date.parse(utcDate(from)); day <= last; day += DAY_MS) dates.push(utcDate(new Date(day)));
  return dates;
}

/** The day before `date`: objects are dated by their first event, so it may hold the next day's first events. */
export const dayBefore = (date: Date) => new Date(date.getTime() - DAY_MS);

export const tenantEventsPrefix = (tenantId: string) => `${EVENTS_ROOT}tenant=${tenantId}/`;
export const eventsDatePrefix = (tenantId: string, date: string) => `${tenantEventsPrefix(tenantId)}date=${date}/`;

/** How much of the chain head an object's name carries. */
const HEAD_DIGITS = 16;

/** The key of the object holding a tenant's events `firstSeq`..`lastSeq` ending at `chainHead`, dated by the first event. */
export function eventsObjectKey(tenantId: string, firstEventTime: string, firstSeq: number, lastSeq: number, chainHead: string): string {
  return `${eventsDatePrefix(tenantId, utcDate(firstEventTime))}${paddedSeq(firstSeq)}-${paddedSeq(lastSeq)}-${chainHead.slice(0, HEAD_DIGITS)}.jsonl.gz`;
}

/** The prefix every events object starting at `firstSeq` shares, whatever its last seq. */
export function eventsObjectPrefix(tenantId: string, firstEventTime: string, firstSeq: number): string {
  return `${eventsDatePrefix(tenantId, utcDate(firstEventTime))}${paddedSeq(firstSeq)}-`;
}

export const tenantDigestsPrefix = (tenantId: string) => `${DIGESTS_ROOT}tenant=${tenantId}/`;

/** The key of the digest covering a tenant's objects from `firstSeq` to `lastSeq`. */
export const digestKey = (tenantId: string, firstSeq: number, lastSeq: number) =>
  `${tenantDigestsPrefix(tenantId)}${paddedSeq(firstSeq)}-${paddedSeq(lastSeq)}.json`;

/** The prefix every digest starting at `firstSeq` shares. */
export const digestPrefix = (tenantId: string, firstSeq: number) => `${tenantDigestsPrefix(tenantId)}${paddedSeq(firstSeq)}-`;

export interface EventsObjectName {
  tenantId: string;
  date: string;
  firstSeq: number;
  lastSeq: number;
  /** The start of the chain head the name claims (absent from names written before it was added). */
  headPrefix?: string;
}

const EVENTS_KEY = /^events\/tenant=([^/]+)\/date=(\d{4}-\d{2}-\d{2})\/(\d{12})-(\d{12})(?:-([0-9a-f]{16}))?\.jsonl\.gz$/;
const DIGEST_KEY = /^digests\/tenant=([^/]+)\/(\d{12})-(\d{12})\.json$/;

/** What an events object's key says about it, or null for a key that is not one. */
export function parseEventsObjectKey(key: string): EventsObjectName | null {
  const match = EVENTS_KEY.exec(key);
  if (!match) return null;
  return { tenantId: match[1]!, date: match[2]!, firstSeq: Number(match[3]), lastSeq: Number(match[4]), ...(match[5] ? { headPrefix: match[5] } : {}) };
}

/** What a digest's key says about it, or null for a key that is not one. */
export function parseDigestKey(key: string): { tenantId: string; firstSeq: number; lastSeq: number } | null {
  const match = DIGEST_KEY.exec(key);
  if (!match) return null;
  return { tenantId: match[1]!, firstSeq: Number(match[2]), lastSeq: Number(match[3]) };
}

export const tenantCheckpointsPrefix = (tenantId: string) => `${CHECKPOINTS_ROOT}tenant=${tenantId}/`;

/** The key of a tenant's checkpoint of its tree at `treeSize` events. */
export const checkpointKey = (tenantId: string, treeSize: number) => `${tenantCheckpointsPrefix(tenantId)}${paddedSeq(treeSize)}.json`;

const CHECKPOINT_KEY = /^checkpoints\/tenant=([^/]+)\/(\d{12})\.json$/;

/** What a checkpoint's key says about it, or null for a key that is not one. */
export function parseCheckpointKey(key: string): { tenantId: string; treeSize: number } | null {
  const match = CHECKPOINT_KEY.exec(key);
  return match ? { tenantId: match[1]!, treeSize: Number(match[2]) } : null;
}
