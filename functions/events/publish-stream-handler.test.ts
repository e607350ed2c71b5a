import { Logger } from '@aws-lambda-powertools/logger';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { marshall } from '@aws-sdk/util-dynamodb';
import { auditEventItem } from '@rapport/data';
import type { AuditAction, AuditEvent, DomainEvent } from '@rapport/domain';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createPublishStreamHandler } from './publish-stream-handler';

let seq = 0;
/** The stream record of a new audit event, as Lambda delivers it. */
function aStreamRecord(action: AuditAction, outcome: AuditEvent['outcome'] = 'success'): DynamoDBRecord {
  seq += 1;
  const event: AuditEvent = {
    tenantId: 't1',
    seq,
    eventId: `01JZ00000000000000000000${String(seq).padStart(2, '0')}`,
    time: '2026-12-01T10:00:00.000Z',
    prevHash: '0',
    hash: '1',
    action,
    target: { type: 'contact', id: `c${seq}` },
    outcome,
    changedFields: ['firstName'],
    actor: { userId: 'u1', role: 'owner' },
    requestId: 'r1',
    sourceIp: null,
    userAgent: null,
  };
  return {
    eventName: 'INSERT',
    dynamodb: { SequenceNumber: String(1000 + seq), NewImage: marshall(auditEventItem(event), { removeUndefinedValues: true }) as never },
  };
}

const invoke = (publish: (events: DomainEvent[]) => Promise<{ failed: DomainEvent[] }>, records: DynamoDBRecord[]) =>
  createPublishStreamHandler({ logger: new Logger({ logLevel: 'SILENT' }), tracer: new Tracer({ enabled: false }), publisher: { publish } })(
    { Records: records } as DynamoDBStreamEvent,
    { getRemainingTimeInMillis: () => 30_000 } as Context,
  );

describe('the outbound-events publisher', () => {
  it('publishes the domain events of published actions only, and reports the records of events the bus refused', async () => {
    // Prepare
    const published: DomainEvent[] = [];
    const records = [aStreamRecord('contact.created'), aStreamRecord('auth.login'), aStreamRecord('company.updated'), aStreamRecord('contact.deleted', 'denied')];

    // Act
    const result = await invoke(async (events) => {
      published.push(...events);
      return { failed: events.filter((event) => event.type === 'company.updated') };
    }, records);

    // Assess
    expect(published.map((event) => [event.type, event.data.id])).toEqual([
      ['contact.created', 'c1'],
      ['company.updated', 'c3'],
    ]);
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: records[2]!.dynamodb!.SequenceNumber }]);
  });
});
