import type { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '@rapport/domain';
import { datesBetween, dayBefore, eventsDatePrefix, parseEventsObjectKey } from './archive-layout';
import { createAuditBookkeeping } from './audit-bookkeeping';
import { decodeEvents } from './event-lines';
import { getBytes, listKeys, mapWithConcurrency } from './s3-objects';

export interface ArchivedEventsFilter {
  /** The acting user's id. */
  actor?: string;
  action?: string;
  /** The id of the record acted on. */
  targetId?: string;
}

export interface ReadArchivedEventsOptions {
  s3: S3Client;
  bucket: string;
  /** The table, which says which archived objects are the chain's and which were superseded. */
  documents: DynamoDBDocumentClient;
  tableName: string;
  tenantId: string;
  from: Date;
  to: Date;
  filter?: ArchivedEventsFilter;
}

/**
 * A tenant's archived events with a time in [from, to], in seq order, read one object at a time:
 * for reads older than the table keeps events, and for exports. Only this tenant's partition is
 * listed, so another tenant's events cannot appear. It does not verify the trail; that is
 * `verifyAuditTrail`'s job.
 */
export async function* readArchivedEvents(options: ReadArchivedEventsOptions): AsyncIterable<AuditEvent> {
  const { s3, bucket, tenantId, filter = {} } = options;
  const from = options.from.getTime();
  const to = options.to.getTime();

  let lastSeq = 0;
  for (const { key } of await chainObjectsBetween(options)) {
    const bytes = await getBytes(s3, bucket, key);
    if (!bytes) continue;
    for (const event of decodeEvents(key, bytes)) {
      // Belt and braces: an event of another tenant never leaves this reader, wherever it was found.
      if (event.tenantId !== tenantId) continue;
      // An object left by an interrupted archive may overlap the next one; each seq is yielded once.
      if (event.seq <= lastSeq) continue;
      lastSeq = event.seq;
      const time = Date.parse(event.time);
      if (time >= from && time <= to && matches(event, filter)) yield event;
    }
  }
}

/**
 * The tenant's archived objects that may hold events of [from, to], in seq order, without the
 * objects of integrations that lost the race to another integrator or have not committed yet
 * (their attempt records say so). Such an object starts at the same seq as a chain object but holds
 * other events there, so reading it would put events at seqs the chain gives to others.
 */
export async function chainObjectsBetween(options: Omit<ReadArchivedEventsOptions, 'filter'>) {
  const { s3, bucket, tenantId } = options;
  // Objects are dated by their first event, so the day before may hold the range's first events.
  const dates = datesBetween(dayBefore(options.from), options.to);
  const [listed, attempts] = await Promise.all([
    mapWithConcurrency(dates, 8, (date) => listKeys(s3, bucket, eventsDatePrefix(tenantId, date))),
    createAuditBookkeeping(options).attempts(tenantId),
  ]);
  const notChain = new Set(attempts.map((attempt) => attempt.key));
  return listed
    .flat()
    .filter((key) => !notChain.has(key))
    .map((key) => ({ key, name: parseEventsObjectKey(key) }))
    .filter((object): object is { key: string; name: NonNullable<typeof object.name> } => object.name?.tenantId === tenantId)
    .sort((a, b) => a.name.firstSeq - b.name.firstSeq);
}

function matches(event: AuditEvent, filter: ArchivedEventsFilter): boolean {
  if (filter.actor !== undefined && event.actor.userId !== filter.actor) return false;
  if (filter.action !== undefined && event.action !== filter.action) return false;
  if (filter.targetId !== undefined && event.target?.id !== filter.targetId) return false;
  return true;
}
