import { AUDIT_EVENT_ENTITY } from '@rapport/data';
import type { DynamoDBRecord } from 'aws-lambda';

/**
 * The event-source-mapping filter pattern that feeds the archiver: only new audit events (INSERTs
 * of `entity: 'audit-event'`), so the integrator's rewrite of an event it sequences, markers or any other item never
 * invoke it. The CDK passes it to `FilterCriteria.filter`; the local poller applies the same object
 * through {@link matchesAuditStreamFilter}, so the two cannot drift apart.
 */
export const AUDIT_STREAM_FILTER = {
  eventName: ['INSERT'],
  dynamodb: { NewImage: { entity: { S: [AUDIT_EVENT_ENTITY] } } },
} as const;

/** Whether the event source mapping with {@link AUDIT_STREAM_FILTER} would deliver this record. */
export function matchesAuditStreamFilter(record: DynamoDBRecord): boolean {
  return matchesPattern(AUDIT_STREAM_FILTER, record);
}

type Pattern = { readonly [key: string]: Pattern | readonly (string | number | boolean)[] };

/**
 * The subset of EventBridge/Lambda filter rules the pattern uses: an array is a list of exact
 * values one of which must be present, an object descends into the record. Everything the pattern
 * names must match; what it does not name is ignored.
 */
export function matchesPattern(pattern: Pattern, value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  return Object.entries(pattern).every(([key, rule]) => {
    const field = (value as Record<string, unknown>)[key];
    if (Array.isArray(rule)) return rule.includes(field as string | number | boolean);
    return matchesPattern(rule as Pattern, field);
  });
}
