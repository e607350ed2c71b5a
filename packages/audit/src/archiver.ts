import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GENESIS_HASH, systemClock, type AuditEvent, type ChainHead, type Clock } from '@rapport/domain';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import {
  EVENTS_CONTENT_ENCODING,
  EVENTS_CONTENT_TYPE,
  EVENTS_METADATA,
  eventsObjectKey,
  eventsObjectPrefix,
  parseEventsObjectKey,
} from './archive-layout';
import { createAuditBookkeeping, type ArchivedMarker, type ArchivedObjectRecord } from './audit-bookkeeping';
import { consoleAuditLogger, type AuditLogger } from './audit-logger';
import { continueChain } from './chain-continuation';
import { ArchiveWriteError } from './errors';
import { encodeEventLines, sha256Hex } from './event-lines';
import { getBytes, listKeys } from './s3-objects';
import { readStreamRecords, type StreamedEvent } from './stream-records';

export interface AuditArchiverOptions {
  s3: S3Client;
  /** In AWS: Object Lock (default retention) and SSE-KMS are the bucket's defaults, not set per object. */
  bucket: string;
  documents: DynamoDBDocumentClient;
  tableName: string;
  clock?: Clock;
  logger?: AuditLogger;
}

export interface AuditArchiver {
  /**
   * Archives a batch of stream records: one gzip JSON Lines object per tenant, recorded with its
   * SHA-256 and moving the tenant's archived marker in one transaction. Returns the records Lambda
   * must deliver again: for each tenant that failed, its first record not yet archived.
   */
  archive(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse>;
}

/**
 * Writes each tenant's audit events from the table's stream to S3, exactly once: events at or
 * below the tenant's archived marker are already archived (a redelivery) and are dropped; a batch
 * that does not continue the archived chain is left for a retry, never archived broken.
 */
export function createAuditArchiver(options: AuditArchiverOptions): AuditArchiver {
  const { s3, bucket } = options;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? consoleAuditLogger;
  const bookkeeping = createAuditBookkeeping(options);

  /** Archives one tenant's events; the stream sequence number to retry from, or null when all are archived. */
  async function archiveTenant(tenantId: string, streamed: readonly StreamedEvent[]): Promise<string | null> {
    let marker: ArchivedMarker | null = null;
    const unarchived = () => streamed.filter(({ event }) => event.seq > (marker?.seq ?? 0));
    try {
      marker = await bookkeeping.archivedMarker(tenantId);
      const pending = unarchived();
      if (pending.length === 0) return null;

      const { linked, refused } = continueChain(tenantId, headOf(marker), pending.map(({ event }) => event));
      if (linked.length > 0) {
        marker = (await adoptInterruptedObject(tenantId, marker, linked)) ?? marker;
        const rest = linked.filter((event) => event.seq > (marker?.seq ?? 0));
        if (rest.length > 0) marker = await writeObject(tenantId, rest, marker);
      }
      if (!refused) return null;
      logger.error('Audit events do not continue the archived chain; left for a retry', { ...refused.error.details, code: refused.error.code });
      return pending[refused.index]!.sequenceNumber;
    } catch (error) {
      logger.error('Archiving audit events failed; left for a retry', { tenantId, archivedSeq: marker?.seq ?? 0, error: describe(error) });
      return unarchived()[0]?.sequenceNumber ?? null;
    }
  }

  async function writeObject(tenantId: string, events: readonly AuditEvent[], marker: ArchivedMarker | null): Promise<ArchivedMarker> {
    const first = events[0]!;
    const last = events.at(-1)!;
    const key = eventsObjectKey(tenantId, first.time, first.seq, last.seq);
    const body = encodeEventLines(events);
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
    return bookkeeping.commitArchivedObject(objectRecord(tenantId, key, body, events), marker);
  }

  /**
   * An archive interrupted between writing its object and recording it leaves an object nobody
   * lists. When the retry's events start where that object does, the object is recorded as it is
   * rather than written again under another name (the bucket's Object Lock keeps the first one, so
   * it would otherwise stay as an unlisted duplicate). Only an object byte-for-byte equal to the
   * encoding of this batch's own leading events is taken: its content then comes from the table,
   * not from whoever could write to the bucket.
   */
  async function adoptInterruptedObject(tenantId: string, marker: ArchivedMarker | null, linked: readonly AuditEvent[]) {
    const first = linked[0]!;
    for (const key of await listKeys(s3, bucket, eventsObjectPrefix(tenantId, first.time, first.seq))) {
      const name = parseEventsObjectKey(key);
      const count = name ? name.lastSeq - name.firstSeq + 1 : 0;
      if (!name || count < 1 || count > linked.length) continue;
      const events = linked.slice(0, count);
      const expected = encodeEventLines(events);
      const stored = await getBytes(s3, bucket, key);
      if (!stored?.equals(expected)) {
        logger.warn('An unrecorded events object does not match the events it is named for; not adopted', { tenantId, key });
        continue;
      }
      logger.info('Recording an events object left by an interrupted archive', { tenantId, key });
      return bookkeeping.commitArchivedObject(objectRecord(tenantId, key, stored, events), marker);
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
      const retries = await Promise.all([...byTenant].map(([tenantId, streamed]) => archiveTenant(tenantId, streamed)));
      const identifiers = [...malformed, ...retries.filter((id): id is string => id !== null)];
      return { batchItemFailures: identifiers.map((itemIdentifier) => ({ itemIdentifier })) };
    },
  };
}

const headOf = (marker: ArchivedMarker | null): ChainHead => (marker ? { seq: marker.seq, hash: marker.hash } : { seq: 0, hash: GENESIS_HASH });

/** An error for a log line: its name, code and message, which never carry event content. */
const describe = (error: unknown) =>
  error instanceof Error ? { name: error.name, message: error.message, ...('code' in error ? { code: error.code } : {}) } : { message: String(error) };
