import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { DomainEvent } from '@rapport/domain';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { EventBridgeEventPublisher } from './eventbridge-publisher';

const eventBridge = mockClient(EventBridgeClient);

const anEvent = (n: number): DomainEvent => ({
  id: `evt_${n}`,
  type: 'contact.created',
  tenantId: 'tenant-1',
  occurredAt: '2026-12-01T10:00:00.000Z',
  data: { id: `contact-${n}`, changedFields: ['email', 'firstName'] },
});

describe('EventBridgeEventPublisher', () => {
  beforeEach(() => eventBridge.reset());

  it('puts each event with its type as detail-type, source rapport and the thin event as detail', async () => {
    // Prepare
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e1' }] });
    const publisher = new EventBridgeEventPublisher({ client: new EventBridgeClient({ region: 'eu-west-1' }), eventBusName: 'rapport-dev' });

    // Act
    const result = await publisher.publish([anEvent(1)]);

    // Assess
    expect(result.failed).toEqual([]);
    const [call] = eventBridge.commandCalls(PutEventsCommand);
    expect(call!.args[0].input.Entries).toEqual([
      {
        EventBusName: 'rapport-dev',
        Source: 'rapport',
        DetailType: 'contact.created',
        Detail: JSON.stringify(anEvent(1)),
        Time: new Date('2026-12-01T10:00:00.000Z'),
      },
    ]);
  });

  it('sends ten entries a call and answers exactly the entries EventBridge refused', async () => {
    // Prepare
    eventBridge
      .on(PutEventsCommand)
      .resolvesOnce({ FailedEntryCount: 1, Entries: [...Array.from({ length: 9 }, (_, i) => ({ EventId: `e${i}` })), { ErrorCode: 'ThrottlingException' }] })
      .rejectsOnce(new Error('network down'));
    const publisher = new EventBridgeEventPublisher({ client: new EventBridgeClient({ region: 'eu-west-1' }), eventBusName: 'bus' });
    const events = Array.from({ length: 12 }, (_, i) => anEvent(i));

    // Act
    const { failed } = await publisher.publish(events);

    // Assess
    expect(eventBridge.commandCalls(PutEventsCommand).map((call) => call.args[0].input.Entries!.length)).toEqual([10, 2]);
    expect(failed.map((event) => event.id)).toEqual(['evt_9', 'evt_10', 'evt_11']);
  });
});
