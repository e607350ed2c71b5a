import { describe, expect, it } from 'vitest';
import { keys } from './keys';
import { describeWrittenItem, SHARED_ITEMS } from './shared-items';

const TENANT = '01JD0000000000000000000000';
const CONTACT = '01JD0000000000000000000001';

describe('describeWrittenItem', () => {
  it('finds a record\'s own items in its partition, and names the shared items', () => {
    // Act + Assess
    expect(describeWrittenItem(keys.contact(TENANT, CONTACT))).toMatchObject({ kind: 'record' });
    expect(describeWrittenItem(keys.contactLookup(TENANT, CONTACT, 'PHONE'))).toMatchObject({ kind: 'record' });
    expect(describeWrittenItem(keys.idempotency(TENANT, 'x'.repeat(43)))).toMatchObject({ kind: 'record' });
    expect(describeWrittenItem(keys.company(TENANT, CONTACT))).toEqual({ kind: 'shared', name: 'company contact count' });
    expect(describeWrittenItem(keys.tenant(TENANT))).toEqual({ kind: 'shared', name: 'tenant' });
    expect(describeWrittenItem(keys.rateCounter({ tenantId: TENANT, kind: 'workspace' }, 3, '2026-12-06T03:04'))).toEqual({ kind: 'shared', name: 'rate counter, one shard' });
    expect(describeWrittenItem(keys.rateCounter({ tenantId: TENANT, kind: 'ingest-key', keyId: CONTACT }, 0, '2026-12-06T03:04'))).toEqual({ kind: 'shared', name: 'rate counter, one shard' });
  });

  it('declares neither the completeness totals (the stream moves them, no request) nor a key of no tenant', () => {
    // Act + Assess
    for (const shard of keys.contactCompletenessShards(TENANT)) expect(describeWrittenItem(shard)).toBeUndefined();
    expect(describeWrittenItem(keys.contactCompletenessBatch(TENANT, '1'.padStart(40, '0')))).toBeUndefined();
    expect(describeWrittenItem({ pk: `TENANT#${TENANT}#ANALYTICS`, sk: 'ORDERS#all#2026-01#all' })).toBeUndefined();
    expect(describeWrittenItem({ pk: 'REMINDERS#ARMED#0', sk: 'x' })).toBeUndefined();
  });

  it('gives every shared item its writers and its reason', () => {
    for (const item of SHARED_ITEMS) {
      expect(item.writers.length, item.name).toBeGreaterThan(10);
      expect(item.whyNoHotSpot.length, item.name).toBeGreaterThan(20);
    }
  });
});
