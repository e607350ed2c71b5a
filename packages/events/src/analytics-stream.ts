import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { matchesPattern } from '@rapport/audit';
import { keys } from '@rapport/data';
import { ANALYTICS_SOURCE_ENTITIES, type SourceChange } from '@rapport/domain';
import type { DynamoDBRecord } from 'aws-lambda';

/**
 * The event-source-mapping filters of the analytics projector (Lambda ORs them): an insert or
 * change whose new image is one of the entities the numbers are made of, and a removal whose old
 * image is. Audit events, the analytics' own items and everything else never invoke it; the local
 * poller applies the same objects through {@link matchesAnalyticsStreamFilter}.
 */
export const ANALYTICS_STREAM_FILTERS = [
  { eventName: ['INSERT', 'MODIFY'], dynamodb: { NewImage: { entity: { S: ANALYTICS_SOURCE_ENTITIES } } } },
  { eventName: ['REMOVE'], dynamodb: { OldImage: { entity: { S: ANALYTICS_SOURCE_ENTITIES } } } },
] as const;

export function matchesAnalyticsStreamFilter(record: DynamoDBRecord): boolean {
  return ANALYTICS_STREAM_FILTERS.some((pattern) => matchesPattern(pattern, record));
}

/** A stream record as the projector reads it, with the sequence number that names it in batch failures; null for one it does not take. */
export function sourceChangeOf(record: DynamoDBRecord): SourceChange | null {
  const stream = record.dynamodb;
  if (!stream?.Keys || !stream.SequenceNumber || !matchesAnalyticsStreamFilter(record)) return null;
  // Lambda's JSON attribute values and the SDK's differ only for binary, which none of these entities hold where the projector reads.
  const image = (attributes: typeof stream.NewImage) => (attributes ? unmarshall(attributes as Record<string, AttributeValue>) : undefined);
  const source = image(stream.Keys) as { pk?: unknown; sk?: unknown };
  const tenantId = typeof source.pk === 'string' ? keys.tenantOfKey(source.pk) : null;
  if (!tenantId || typeof source.sk !== 'string') return null;
  const oldImage = record.eventName === 'INSERT' ? undefined : image(stream.OldImage);
  const newImage = record.eventName === 'REMOVE' ? undefined : image(stream.NewImage);
  return {
    tenantId,
    source: { pk: source.pk as string, sk: source.sk },
    sequence: stream.SequenceNumber,
    ...(oldImage ? { oldImage } : {}),
    ...(newImage ? { newImage } : {}),
  };
}
