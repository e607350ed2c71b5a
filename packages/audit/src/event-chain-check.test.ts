import { sealAuditEvent, type AuditEntry, type AuditEvent, type ChainHead } from '@rapport/domain';
import { describe, expect, it } from 'vitest';
import { checkEventChain, type ObjectLines } from './event-chain-check';

/** A tenant's chain of `count` events from seq 1, sealed as the writer seals them. */
function aChain(count: number, tenantId = '01JTENANT0000000000000000A'): AuditEvent[] {
  const events: AuditEvent[] = [];
  let head: ChainHead | null = null;
  for (let index = 0; index < count; index++) {
    const event = sealAuditEvent(head, {
      tenantId,
      eventId: `E${index + 1}`,
      time: new Date(Date.UTC(2025, 2, 10, 9, index)).toISOString(),
      entry: { action: 'contact.updated', target: { type: 'contact', id: `C${index}` }, outcome: 'success', changedFields: ['title'] },
      context: { actor: { userId: 'U1', role: 'owner' }, requestId: `R${index}`, sourceIp: null, userAgent: null },
    });
    events.push(event);
    head = { seq: event.seq, hash: event.hash };
  }
  return events;
}

/** The event with `changes`, sealed again after `head`: a forgery whose own hash is intact. */
function reseal(head: ChainHead, event: AuditEvent, changes: Partial<AuditEntry> = {}): AuditEvent {
  const { tenantId, eventId, time, seq: _seq, prevHash: _prevHash, hash: _hash, actor, requestId, sourceIp, userAgent, ...entry } = event;
  return sealAuditEvent(head, { tenantId, eventId, time, entry: { ...entry, ...changes }, context: { actor, requestId, sourceIp, userAgent } });
}

const anObject = (key: string, events: AuditEvent[], range?: [number, number]): ObjectLines => ({
  key,
  firstSeq: range?.[0] ?? events[0]!.seq,
  lastSeq: range?.[1] ?? events.at(-1)!.seq,
  lines: events.map((event, index) => ({ line: index + 1, event })),
});

const kinds = (objects: ObjectLines[]) => checkEventChain(objects).problems.map(({ kind, event }) => ({ kind, event }));

describe('checkEventChain', () => {
  it('finds nothing wrong with an intact chain split over objects', () => {
    // Prepare
    const chain = aChain(10);

    // Act
    const result = checkEventChain([anObject('a', chain.slice(0, 4)), anObject('b', chain.slice(4))]);

    // Assess
    expect(result.problems).toEqual([]);
    expect(result.events.map((event) => event.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('names a deleted event as missing, and nothing else', () => {
    // Prepare
    const chain = aChain(6);

    // Act + Assess
    expect(kinds([anObject('a', chain.filter((event) => event.seq !== 4), [1, 6])])).toEqual([{ kind: 'event_missing', event: 4 }]);
  });

  it('names events deleted from the end of an object by the range its name claims', () => {
    // Prepare
    const chain = aChain(6);

    // Act
    const problems = checkEventChain([anObject('a', chain.slice(0, 4), [1, 6])]).problems;

    // Assess
    expect(problems).toEqual([{ kind: 'event_missing', event: 5, object: 'a', detail: 'events 5–6 are missing' }]);
  });

  it('names an edited event as altered, without blaming its successor', () => {
    // Prepare
    const chain = aChain(5);
    chain[2] = { ...chain[2]!, outcome: 'denied' };

    // Act + Assess
    expect(kinds([anObject('a', chain)])).toEqual([{ kind: 'event_altered', event: 3 }]);
  });

  it('names an edited event whose hash was recomputed: the chain does not go through it', () => {
    // Prepare
    const chain = aChain(5);
    chain[2] = reseal({ seq: 2, hash: chain[1]!.hash }, chain[2]!, { outcome: 'denied' });

    // Act + Assess
    expect(kinds([anObject('a', chain)])).toEqual([{ kind: 'event_inserted', event: 3 }]);
  });

  it('names the later of two swapped events as reordered', () => {
    // Prepare
    const chain = aChain(6);
    [chain[2], chain[3]] = [chain[3]!, chain[2]!];

    // Act + Assess
    expect(kinds([anObject('a', chain, [1, 6])])).toEqual([{ kind: 'event_reordered', event: 3 }]);
  });

  it('names a fabricated event carrying an existing seq as inserted, keeping the one the chain links through', () => {
    // Prepare
    const chain = aChain(6);
    const fabricated = reseal({ seq: 3, hash: chain[2]!.hash }, chain[3]!, { action: 'contact.deleted' });
    const lines = [...chain.slice(0, 3), fabricated, ...chain.slice(3)];

    // Act
    const result = checkEventChain([anObject('a', lines, [1, 6])]);

    // Assess
    expect(result.problems).toEqual([{ kind: 'event_inserted', event: 4, object: 'a', detail: 'line 4 is a second event 4, not the one the chain goes through' }]);
    expect(result.events[3]).toEqual(chain[3]);
  });

  it('names an event replaced by a self-consistent forgery as inserted', () => {
    // Prepare
    const chain = aChain(6);
    // Linked to event 3 and hashed correctly, but event 5 links to the original 4.
    chain[3] = reseal({ seq: 3, hash: chain[2]!.hash }, chain[3]!, { action: 'contact.deleted' });

    // Act + Assess
    expect(kinds([anObject('a', chain)])).toEqual([{ kind: 'event_inserted', event: 4 }]);
  });

  it('reports a broken link when neither side can be blamed', () => {
    // Prepare
    const chain = aChain(6);
    // Events 4 and 5 alone: nothing links to 4 and nothing continues from 5.
    const lonely = [chain[3]!, reseal({ seq: 4, hash: 'f'.repeat(64) }, chain[4]!)];

    // Act + Assess
    expect(kinds([anObject('a', lonely)])).toEqual([{ kind: 'chain_broken', event: 5 }]);
  });

  it('requires the first event to start from the genesis hash', () => {
    // Prepare
    const forged = reseal({ seq: 0, hash: 'a'.repeat(64) }, aChain(1)[0]!);

    // Act + Assess
    expect(kinds([anObject('a', [forged])])).toEqual([{ kind: 'chain_broken', event: 1 }]);
  });

  it('names a line that is not an event by its object and line', () => {
    // Prepare
    const chain = aChain(3);
    const object = anObject('a', chain);

    // Act
    const result = checkEventChain([{ ...object, lines: [object.lines[0]!, { line: 2, event: null, reason: 'not JSON' }, object.lines[2]!] }]);

    // Assess
    expect(result.problems).toEqual([
      { kind: 'event_altered', object: 'a', detail: 'line 2 is not JSON' },
      { kind: 'event_missing', event: 2, object: 'a', detail: 'event 2 is missing' },
    ]);
  });
});
