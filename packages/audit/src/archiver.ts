import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isIntegrated } from '@rapport/data';
import { chainAuditEvent, GENESIS_HASH, pendingPart, systemClock, type AuditEvent, type ChainHead, type Clock, type PendingAuditEvent } from '@rapport/domain';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import canonicalize from 'canonicalize';
import { EVENTS_CONTENT_ENCODING, EVENTS_CONTENT_TYPE, EVENTS_METADATA, eventsObjectKey } from './archive-layout';
import { createAuditBookkeeping, MAX_EVENTS_PER_OBJECT, type ArchivedMarker, type ArchivedObjectRecord } from './audit-bookkeeping';
import { consoleAuditLogger, type AuditLogger } from './audit-logger';
import { continueChain } from './chain-continuation';
import { ArchiveUnreadableError, ArchiveWriteError, MarkerConflictError } from './errors';
import { decodeEvents, encodeEventLines, sha256Hex } from './event-lines';
import { getBytes } from './s3-objects';
import { readStreamRecords, type StreamedEvent } from './stream-records';

export interface AuditArchiverOptions {
  s3: S3Client;
  /** In AWS: Object Lock (default retention) and SSE-KMS are the bucket's defaults, not set per object. */
  bucket: string;
  documents: DynamoDBDocumentClient;
  tableName: string;
  clock?: Clock;
  logger?: AuditLogger;
  /** Rounds per tenant and batch when another integrator moves the tenant's marker first (default 8). */
  maxRounds?: number;
}

export interface AuditArchiver {
  /**
   * Integrates a batch of stream records: per tenant, drops events already sequenced, sequences the
   * new ones after the tenant's archived marker, archives them as gzip JSON Lines objects, and
   * commits each object with its events and the marker in one transaction. Returns the records
   * Lambda must deliver again: for each tenant that failed, its first record not yet integrated.
   */
  archive(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse>;
}

/**
 * The integrator: takes the events requests wrote pending (no seq, no hash, no shared item) from
 * the table's stream and makes them each tenant's hash chain, off the request path, in batches.
 *
 * - Idempotent by event id: an event whose item is sequenced already (a redelivery, or another
 *   integrator's work) is dropped; the commit re-checks it, so no event is sequenced twice.
 * - Deterministic: new events are taken in event id order (ULIDs, so time order).
 * - One writer per link: the commit is conditional on the archived marker, so two integrators of
 *   one tenant (its records can arrive on different shards) can never both extend the chain; the
 *   loser starts again from the new marker.
 * - Crash-safe: before an object is put, an attempt record names it; an integration that stopped
 *   between the put and the commit is finished by the next one, which adopts the object if its
 *   events are exactly the table's pending events, linked from the marker. An attempt outrun by
 *   another integrator stays as the record of a superseded object (Object Lock keeps it), which
 *   verify tells apart from an object nobody wrote.
 */
export function createAuditArchiver(options: AuditArchiverOptions): AuditArchiver {
  const { s3, bucket } = options;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? consoleAuditLogger;
  const maxRounds = options.maxRounds ?? 8;
  const bookkeeping = createAuditBookkeeping(options);

  /** Integrates one tenant's events; the stream sequence number to retry from, or null when all are integrated. */
  async function integrateTenant(tenantId: string, streamed: readonly StreamedEvent[]): Promise<string | null> {
    const byId = new Map<string, PendingAuditEvent>();
    for (const { event } of streamed) if (!byId.has(event.eventId)) byId.set(event.eventId, event);
    const integrated = new Set<string>();
    const firstNotIntegrated = () => streamed.find(({ event }) => !integrated.has(event.eventId))?.sequenceNumber ?? null;
    let marker: ArchivedMarker | null = null;
    try {
      for (let round = 1; round <= maxRounds; round++) {
        try {
          marker = await bookkeeping.archivedMarker(tenantId);
          const adopted = await adoptInterruptedObject(tenantId, marker);
          if (adopted) {
            for (const event of adopted.events) integrated.add(event.eventId);
            marker = adopted.marker;
          }
          const stored = await bookkeeping.storedEvents(tenantId, [...byId.keys()]);
          for (const [eventId, event] of stored) if (isIntegrated(event)) integrated.add(eventId);
          const pending = [...byId.values()].filter((event) => !integrated.has(event.eventId)).sort(byEventId);
          for (let start = 0; start < pending.length; start += MAX_EVENTS_PER_OBJECT) {
            const chunk = pending.slice(start, start + MAX_EVENTS_PER_OBJECT);
            marker = await integrateChunk(tenantId, chunk, marker);
            for (const event of chunk) integrated.add(event.eventId);
          }
          return null;
        } catch (error) {
          if (!(error instanceof MarkerConflictError)) throw error;
          // Another integrator of this tenant extended the chain first: start again from its marker.
          logger.info('The archived marker moved; integrating again from it', { tenantId, round });
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * round));
        }
      }
      logger.error('Audit events not integrated: the archived marker kept moving; left for a retry', { tenantId, rounds: maxRounds });
    } catch (error) {
      logger.error('Integrating audit events failed; left for a retry', { tenantId, archivedSeq: marker?.seq ?? 0, error: describe(error) });
    }
    return firstNotIntegrated();
  }

  /** Sequences `pending` after `marker`, archives it as one object and commits it. */
  async function integrateChunk(tenantId: string, pending: readonly PendingAuditEvent[], marker: ArchivedMarker | null): Promise<ArchivedMarker> {
    const events: AuditEvent[] = [];
    let head = headOf(marker);
    for (const event of pending) {
      const sequenced = chainAuditEvent(head, event);
      events.push(sequenced);
      head = { seq: sequenced.seq, hash: sequenced.hash };
    }
    const first = events[0]!;
    const last = events.at(-1)!;
    const key = eventsObjectKey(tenantId, first.time, first.seq, last.seq, last.hash);
    const body = encodeEventLines(events);
    const record = objectRecord(tenantId, key, body, events);
    await bookkeeping.recordAttempt(record);
    try {
      await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: body,
          ContentType: EVENTS_CONTENT_TYPE,
          ContentEncoding: EVENTS_CONTENT_ENCODING,
          Metadata: {
            [EVENTS_METADATA.firstSeq]: String(first.seq),
            [EVENTS_METADATA.lastSeq]: String(last.seq),
            [EVENTS_METADATA.chainHead]: last.hash,
            [EVENTS_METADATA.eventCount]: String(events.length),
          },
        }),
      );
    } catch (error) {
      throw new ArchiveWriteError(key, { cause: error });
    }
    return bookkeeping.commitArchivedObject(record, marker, events);
  }

  /**
   * An integration interrupted between putting its object and committing it leaves an attempt
   * starting right after the marker. Its object is committed as it is (the bucket's Object Lock
   * keeps it, so writing another in its place would leave it as an unexplained duplicate) when it
   * is intact, its SHA-256 is the one the attempt noted, its events extend the chain from the
   * marker, and each is exactly a pending event of the table: its content then comes from the
   * table, not from whoever could write to the bucket.
   */
  async function adoptInterruptedObject(tenantId: string, marker: ArchivedMarker | null) {
    const head = headOf(marker);
    for (const attempt of await bookkeeping.attempts(tenantId, head.seq + 1)) {
      const bytes = await getBytes(s3, bucket, attempt.key);
      // Stopped before the put, or the object is not what the attempt noted: nothing to finish.
      if (!bytes || sha256Hex(bytes) !== attempt.sha256) continue;
      const events = decodedOrNull(attempt.key, bytes);
      if (!events || events.length === 0) {
        logger.warn('An interrupted integration\'s object cannot be read; not adopted', { tenantId, key: attempt.key });
        continue;
      }
      const { refused } = continueChain(tenantId, head, events);
      const stored = await bookkeeping.storedEvents(tenantId, events.map((event) => event.eventId));
      const genuine = events.every((event) => {
        const item = stored.get(event.eventId);
        return item !== undefined && !isIntegrated(item) && canonicalize(pendingPart(event)) === canonicalize(item);
      });
      if (refused || !genuine || events.length !== attempt.eventCount || events.at(-1)?.hash !== attempt.chainHead) {
        logger.warn('An interrupted integration\'s object does not hold the pending events it should; not adopted', { tenantId, key: attempt.key });
        continue;
      }
      logger.info('Committing an events object left by an interrupted integration', { tenantId, key: attempt.key });
      return { events, marker: await bookkeeping.commitArchivedObject(attempt, marker, events) };
    }
    return null;
  }

  function objectRecord(tenantId: string, key: string, body: Buffer, events: readonly AuditEvent[]): ArchivedObjectRecord {
    return {
      tenantId,
      key,
      sha256: sha256Hex(body),
      firstSeq: events[0]!.seq,
      lastSeq: events.at(-1)!.seq,
      chainHead: events.at(-1)!.hash,
      eventCount: events.length,
      archivedAt: clock.now().toISOString(),
    };
  }

  return {
    async archive(event) {
      const { byTenant, malformed } = readStreamRecords(event.Records);
      for (const sequenceNumber of malformed) logger.error('A stream record is not a well-formed audit event', { sequenceNumber });
      const retries = await Promise.all([...byTenant].map(([tenantId, streamed]) => integrateTenant(tenantId, streamed)));
      const identifiers = [...malformed, ...retries.filter((id): id is string => id !== null)];
      return { batchItemFailures: identifiers.map((itemIdentifier) => ({ itemIdentifier })) };
    },
  };
}

function decodedOrNull(key: string, bytes: Buffer): AuditEvent[] | null {
  try {
    return decodeEvents(key, bytes);
  } catch (error) {
    if (error instanceof ArchiveUnreadableError) return null;
    throw error;
  }
}

const byEventId = (a: PendingAuditEvent, b: PendingAuditEvent) => (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0);

const headOf = (marker: ArchivedMarker | null): ChainHead => (marker ? { seq: marker.seq, hash: marker.hash } : { seq: 0, hash: GENESIS_HASH });

/** An error for a log line: its name, code and message, which never carry event content. */
const describe = (error: unknown) =>
  error instanceof Error ? { name: error.name, message: error.message, ...('code' in error ? { code: error.code } : {}) } : { message: String(error) };
