import type { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  datesBetween,
  dayBefore,
  eventsDatePrefix,
  parseDigestKey,
  parseEventsObjectKey,
  tenantDigestsPrefix,
  type EventsObjectName,
} from './archive-layout';
import { createAuditBookkeeping, type ArchivedMarker, type ArchivedObjectRecord } from './audit-bookkeeping';
import type { AuditProblem, AuditTrailVerification } from './audit-problems';
import { checkDigestChain, type DigestChainCheck } from './digest-chain-check';
import { checkEventChain, type ObjectLines } from './event-chain-check';
import { ArchiveUnreadableError } from './errors';
import { decodeEventLines, sha256Hex } from './event-lines';
import { getBytes, listKeys, mapWithConcurrency } from './s3-objects';

/** How long an event may wait for the integrator before verify calls it late (normally it takes seconds). */
export const DEFAULT_LATE_AFTER_MS = 5 * 60_000;

export interface VerifyAuditTrailOptions {
  s3: S3Client;
  bucket: string;
  /** The table: what it records as integrated (objects, the archived marker) and what is still pending. */
  documents: DynamoDBDocumentClient;
  tableName: string;
  tenantId: string;
  from: Date;
  to: Date;
  /** The digest signer's public key (SPKI PEM): `DigestSigner.publicKeyPem()`. */
  publicKeyPem: string;
  /**
   * The latest digest as known from outside the bucket (the table's digested marker, or what an
   * auditor noted): without it, deleting the newest digests would only turn the objects they
   * covered into pending ones.
   */
  latestDigest?: { key: string; sha256: string };
  /** Now, for telling late events from pending ones. */
  now?: Date;
  /** An event not integrated this long after it was committed is late (default five minutes). */
  lateAfterMs?: number;
  /** S3 reads in flight at once. */
  concurrency?: number;
}

/** What the table says the archive holds, and what it says about each S3 key. */
interface TableView {
  records: Map<string, ArchivedObjectRecord>;
  attempts: Set<string>;
  marker: ArchivedMarker | null;
}

/**
 * Checks a tenant's audit trail between two times. From S3: every digest (signature and link to
 * the one before), each events object dated within the range (and the day before, to link across
 * the boundary) against the digest that lists it, and every event's hash, seq and link. Against
 * the table, whether or not a digest covers it yet: each object the integrator recorded must be in
 * the archive with the SHA-256 it recorded, the chain must reach the archived marker (a missing
 * tail is named), an object neither recorded nor attempted is named, and an event committed but
 * not integrated after the grace period is reported late. Each problem names its event or object.
 */
export async function verifyAuditTrail(options: VerifyAuditTrailOptions): Promise<AuditTrailVerification> {
  const { s3, bucket, tenantId } = options;
  const concurrency = options.concurrency ?? 8;
  const bookkeeping = createAuditBookkeeping(options);

  const [digestKeys, objectRecords, attempts, marker] = await Promise.all([
    listKeys(s3, bucket, tenantDigestsPrefix(tenantId)).then((keys) => keys.filter((key) => parseDigestKey(key) !== null)),
    bookkeeping.objectRecords(tenantId),
    bookkeeping.attempts(tenantId),
    bookkeeping.archivedMarker(tenantId),
  ]);
  const table: TableView = {
    records: new Map(objectRecords.map((record) => [record.key, record])),
    attempts: new Set(attempts.map((attempt) => attempt.key)),
    marker,
  };
  const digests = await mapWithConcurrency(digestKeys, concurrency, async (key) => ({ key, bytes: await getBytes(s3, bucket, key) }));
  const digestCheck = checkDigestChain(tenantId, digests, options.publicKeyPem);
  const problems: AuditProblem[] = [...digestCheck.problems];
  if (options.latestDigest) problems.push(...anchorProblems(options.latestDigest, digests));

  const dates = datesBetween(dayBefore(options.from), options.to);
  const listedKeys = (await mapWithConcurrency(dates, concurrency, (date) => listKeys(s3, bucket, eventsDatePrefix(tenantId, date)))).flat();
  const present: Array<{ key: string; name: EventsObjectName }> = [];
  let supersededObjects = 0;
  // The integrator records its attempt before it puts an object, so an object listed now that the
  // first read did not know may have been put since: judge those against a read made after the listing.
  const knownFirst = (key: string) => table.records.has(key) || table.attempts.has(key) || digestCheck.listed.has(key);
  /** Objects recorded after the first read (integrated while this verify ran); not owed to the listing above. */
  const lateRecords = new Map<string, (typeof objectRecords)[number]>();
  if (listedKeys.some((key) => !knownFirst(key))) {
    const [laterRecords, laterAttempts] = await Promise.all([bookkeeping.objectRecords(tenantId), bookkeeping.attempts(tenantId)]);
    for (const record of laterRecords) if (!table.records.has(record.key)) lateRecords.set(record.key, record);
    for (const attempt of laterAttempts) table.attempts.add(attempt.key);
  }
  for (const key of listedKeys) {
    const name = parseEventsObjectKey(key);
    if (name?.tenantId !== tenantId) problems.push({ kind: 'object_unlisted', object: key, detail: 'not an events object name' });
    else if (table.records.has(key) || lateRecords.has(key) || digestCheck.listed.has(key)) present.push({ key, name });
    else if (table.attempts.has(key)) supersededObjects += 1;
    // Not part of the trail, so its events are not read into the chain.
    else problems.push({ kind: 'object_unlisted', object: key, detail: 'neither the table nor a digest records it, and no integrator attempted it' });
  }
  const missing = missingObjects(digestCheck, table, new Set(dates), new Set(listedKeys));
  problems.push(...missing);

  let pendingObjects = 0;
  const read = await mapWithConcurrency(present, concurrency, async ({ key, name }) => {
    const bytes = await getBytes(s3, bucket, key);
    if (!bytes) return { problem: { kind: 'object_missing', object: key, detail: 'it vanished while being read' } as AuditProblem };
    const listed = digestCheck.listed.get(key);
    const recorded = table.records.get(key) ?? lateRecords.get(key);
    const sha256 = sha256Hex(bytes);
    let problem: AuditProblem | undefined;
    if (listed?.trusted && sha256 !== listed.sha256) {
      problem = { kind: 'object_altered', object: key, detail: `its SHA-256 differs from the one ${listed.digestKey} lists` };
    } else if (recorded && sha256 !== recorded.sha256) {
      problem = { kind: 'object_altered', object: key, detail: 'its SHA-256 differs from the one the table recorded when it was integrated' };
    }
    if (!listed) pendingObjects += 1;
    try {
      return { problem, object: { key, firstSeq: name.firstSeq, lastSeq: name.lastSeq, lines: decodeEventLines(key, bytes) } satisfies ObjectLines };
    } catch (error) {
      if (!(error instanceof ArchiveUnreadableError)) throw error;
      return { problem: problem ?? { kind: 'object_unreadable', object: key, detail: 'it is not gzip' } };
    }
  });
  const objects: ObjectLines[] = [];
  for (const result of read) {
    if (result.problem) problems.push(result.problem);
    if ('object' in result && result.object) objects.push(result.object);
  }
  objects.sort((a, b) => a.firstSeq - b.firstSeq || a.key.localeCompare(b.key));

  const chain = checkEventChain(objects);
  problems.push(...chain.problems);
  problems.push(...missingTail(table.marker, new Set(dates), chain.events.at(-1)?.seq ?? 0, missing));

  const now = options.now ?? new Date();
  const lateBefore = now.getTime() - (options.lateAfterMs ?? DEFAULT_LATE_AFTER_MS);
  let pendingEvents = 0;
  // No event is committed after now: a period that starts later has none pending (and DynamoDB refuses a reversed range).
  const until = options.to < now ? options.to : now;
  for (const event of options.from <= until ? await bookkeeping.unintegratedEvents(tenantId, options.from, until) : []) {
    if (Date.parse(event.time) > lateBefore) pendingEvents += 1;
    else problems.push({ kind: 'event_late', eventId: event.eventId, detail: `event ${event.eventId}, committed at ${event.time}, is not integrated yet` });
  }

  const from = options.from.getTime();
  const to = options.to.getTime();
  const events = chain.events.filter((event) => {
    const time = Date.parse(event.time);
    return time >= from && time <= to;
  }).length;

  return {
    ok: problems.length === 0,
    checked: { events, objects: present.length, digests: digests.length },
    pendingObjects,
    pendingEvents,
    supersededObjects,
    problems,
  };
}

/** Objects a digest lists or the table records as integrated, dated within the dates read, that the archive does not hold. */
function missingObjects(digestCheck: DigestChainCheck, table: TableView, dates: Set<string>, present: Set<string>): AuditProblem[] {
  const why = new Map<string, string>();
  for (const record of table.records.values()) why.set(record.key, 'the table records it as integrated');
  for (const object of digestCheck.listed.values()) why.set(object.key, `${object.digestKey} lists it`);
  return [...why]
    .filter(([key]) => !present.has(key) && dates.has(parseEventsObjectKey(key)?.date ?? ''))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, detail]) => ({ kind: 'object_missing', object: key, detail }));
}

/**
 * The chain must reach the table's archived marker when the marker's object is dated within the
 * range: events behind it that are nowhere (not even as a missing object already named) are a
 * missing tail, whether or not a digest covers them yet.
 */
function missingTail(marker: ArchivedMarker | null, dates: Set<string>, lastSeq: number, missing: readonly AuditProblem[]): AuditProblem[] {
  if (!marker || lastSeq >= marker.seq || !dates.has(parseEventsObjectKey(marker.objectKey)?.date ?? '')) return [];
  const named = missing.map((problem) => parseEventsObjectKey(problem.object ?? '')).filter((name) => name !== null);
  const covered = (seq: number) => named.some((name) => name.firstSeq <= seq && seq <= name.lastSeq);
  const problems: AuditProblem[] = [];
  for (let seq = lastSeq + 1; seq <= marker.seq; seq++) {
    if (covered(seq)) continue;
    let end = seq;
    while (end + 1 <= marker.seq && !covered(end + 1)) end++;
    const what = end === seq ? `event ${seq} is` : `events ${seq}–${end} are`;
    problems.push({ kind: 'event_missing', event: seq, detail: `${what} missing: the table records events through ${marker.seq} as integrated` });
    seq = end;
  }
  return problems;
}

/** The latest digest known from outside must still be there, unchanged (later ones may follow it). */
function anchorProblems(latest: { key: string; sha256: string }, digests: ReadonlyArray<{ key: string; bytes: Buffer | null }>): AuditProblem[] {
  const found = digests.find((digest) => digest.key === latest.key);
  if (!found?.bytes) return [{ kind: 'digest_chain_broken', object: latest.key, detail: 'the latest digest known is missing' }];
  if (sha256Hex(found.bytes) !== latest.sha256) return [{ kind: 'digest_chain_broken', object: latest.key, detail: 'the latest digest known has changed' }];
  return [];
}
