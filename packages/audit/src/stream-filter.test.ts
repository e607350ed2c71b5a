import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { AUDIT_STREAM_FILTER, matchesAuditStreamFilter } from './stream-filter';

function aRecord(eventName: DynamoDBRecord['eventName'], entity: string | null): DynamoDBRecord {
  return {
    eventName,
    eventSource: 'aws:dynamodb',
    dynamodb: {
      SequenceNumber: '1',
      NewImage: { pk: { S: 'p' }, sk: { S: 's' }, ...(entity === null ? {} : { entity: { S: entity } }) },
    },
  };
}

describe('the audit stream filter', () => {
  it('is the event source mapping pattern the CDK passes to FilterCriteria', () => {
    // Act + Assess
    expect(JSON.parse(JSON.stringify(AUDIT_STREAM_FILTER))).toEqual({
      eventName: ['INSERT'],
      dynamodb: { NewImage: { entity: { S: ['audit-event'] } } },
    });
  });

  it('lets new audit events through', () => {
    // Act + Assess
    expect(matchesAuditStreamFilter(aRecord('INSERT', 'audit-event'))).toBe(true);
  });

  it.each([
    ['a modified audit event', aRecord('MODIFY', 'audit-event')],
    ['an expired (removed) audit event', aRecord('REMOVE', 'audit-event')],
    ['a new contact', aRecord('INSERT', 'contact')],
    ['an item without an entity', aRecord('INSERT', null)],
    ['a record without a new image', { eventName: 'INSERT', dynamodb: { SequenceNumber: '1' } } as DynamoDBRecord],
  ])('holds back %s', (_what, record) => {
    // Act + Assess
    expect(matchesAuditStreamFilter(record)).toBe(false);
  });
});
