import { describe, expect, it } from 'vitest';
import { datesBetween, dayBefore, digestKey, eventsObjectKey, parseDigestKey, parseEventsObjectKey } from './archive-layout';

const TENANT = '01JTENANT0000000000000000A';
const HEAD = '3f'.repeat(32);

describe('the archive layout', () => {
  it('partitions events by tenant and the UTC date of the first event, named by zero-padded seq range and chain head', () => {
    // Act
    const key = eventsObjectKey(TENANT, '2025-03-10T23:59:59.999+00:00', 7, 1234, HEAD);

    // Assess
    expect(key).toBe(`events/tenant=${TENANT}/date=2025-03-10/000000000007-000000001234-${HEAD.slice(0, 16)}.jsonl.gz`);
    expect(parseEventsObjectKey(key)).toEqual({ tenantId: TENANT, date: '2025-03-10', firstSeq: 7, lastSeq: 1234, headPrefix: HEAD.slice(0, 16) });
  });

  it('names two objects of the same seq range but different events apart', () => {
    // Act
    const one = eventsObjectKey(TENANT, '2025-03-10T10:00:00Z', 1, 3, HEAD);
    const other = eventsObjectKey(TENANT, '2025-03-10T10:00:00Z', 1, 3, 'f'.repeat(64));

    // Assess
    expect(one).not.toBe(other);
  });

  it('still reads names written before they carried the chain head', () => {
    // Act + Assess
    expect(parseEventsObjectKey(`events/tenant=${TENANT}/date=2025-03-10/000000000001-000000000002.jsonl.gz`)).toEqual({
      tenantId: TENANT,
      date: '2025-03-10',
      firstSeq: 1,
      lastSeq: 2,
    });
  });

  it('dates an event by UTC, not by the offset it was written with', () => {
    // Act
    const key = eventsObjectKey(TENANT, '2025-03-11T01:30:00+02:00', 1, 1, HEAD);

    // Assess
    expect(key).toContain('/date=2025-03-10/');
  });

  it('keeps digests out of the events table location', () => {
    // Act
    const key = digestKey(TENANT, 1, 250);

    // Assess
    expect(key).toBe(`digests/tenant=${TENANT}/000000000001-000000000250.json`);
    expect(parseDigestKey(key)).toEqual({ tenantId: TENANT, firstSeq: 1, lastSeq: 250 });
    expect(parseEventsObjectKey(key)).toBeNull();
  });

  it('refuses keys that are not its own', () => {
    // Act + Assess
    expect(parseEventsObjectKey(`events/tenant=${TENANT}/date=2025-03-10/1-2.jsonl.gz`)).toBeNull();
    expect(parseEventsObjectKey(`events/tenant=${TENANT}/000000000001-000000000002.jsonl.gz`)).toBeNull();
    expect(parseDigestKey(`digests/tenant=${TENANT}/000000000001-000000000002.json.bak`)).toBeNull();
  });

  it('lists each UTC date of a range, across a month end', () => {
    // Act
    const dates = datesBetween(dayBefore(new Date('2025-03-01T00:10:00Z')), new Date('2025-03-02T23:00:00Z'));

    // Assess
    expect(dates).toEqual(['2025-02-28', '2025-03-01', '2025-03-02']);
  });
});
