import { describe, expect, it } from 'vitest';
import { fieldSetOf } from '../fields/field-set';
import type { FieldDefinition } from '../fields/field-definition';
import { compileRules, evaluateNode, type ContactFacts } from './segment-evaluation';
import { evaluateSegment } from './segment-evaluator';
import type { SegmentDataSource } from './ports';
import { ruleSetSchema, type RuleNode } from './segment-rules';

const NOW = new Date('2026-12-01T12:00:00Z');
const field = (overrides: Partial<FieldDefinition>): FieldDefinition => ({
  id: '01FIELD00000000000000000001',
  entity: 'contact',
  key: 'tier',
  label: 'Tier',
  type: 'select',
  options: ['gold', 'silver'],
  required: false,
  sensitive: false,
  version: 1,
  createdAt: NOW.toISOString(),
  updatedAt: NOW.toISOString(),
  ...overrides,
});
const fields = fieldSetOf([field({}), field({ id: '01FIELD00000000000000000002', key: 'spend', type: 'number' }), field({ id: '01FIELD00000000000000000003', key: 'income', type: 'number', sensitive: true })], 'contact');
const facts = (overrides: Partial<ContactFacts> = {}): ContactFacts => ({
  contact: { id: 'C1', firstName: 'Ada', ownerId: 'U1', region: 'East', tags: ['VIP'], customFields: { '01FIELD00000000000000000001': 'gold', '01FIELD00000000000000000002': 120 } },
  scores: { contactId: 'C1', recency: 4, frequency: 4, monetary: 4 },
  ...overrides,
});
const compiled = (rules: RuleNode) => compileRules(ruleSetSchema.parse(rules), fields);

describe('segment rules', () => {
  it('are unknown while a partition condition waits, and decided by the cheap ones where they suffice', () => {
    // Prepare
    const rules = compiled({ all: [{ field: 'region', op: 'eq', value: 'east' }, { field: 'purchase', op: 'inLastDays', value: 90 }] });

    // Act / Assess
    expect(evaluateNode(rules, facts(), NOW)).toBeNull();
    expect(evaluateNode(rules, facts({ contact: { ...facts().contact, region: 'west' } }), NOW)).toBe(false);
    expect(evaluateNode(rules, facts({ latestOrderAt: '2026-09-03T12:00:00Z' }), NOW)).toBe(true);
    expect(evaluateNode(rules, facts({ latestOrderAt: '2026-09-01T11:00:00Z' }), NOW)).toBe(false);
    expect(evaluateNode(rules, facts({ latestOrderAt: null }), NOW)).toBe(false);
  });

  it('let an any-group hold on a cheap condition without reading the partition', () => {
    const rules = compiled({ any: [{ field: 'tags', op: 'contains', value: 'vip' }, { field: 'behaviour.clicks', op: 'gte', value: 3, days: 7 }] });

    expect(evaluateNode(rules, facts(), NOW)).toBe(true);
    expect(evaluateNode(rules, facts({ contact: { ...facts().contact, tags: [] } }), NOW)).toBeNull();
    const behaviour = [{ day: '2026-11-25', pageViews: 0, clicks: 2, dwellSeconds: 0 }, { day: '2026-11-30', pageViews: 0, clicks: 1, dwellSeconds: 0 }, { day: '2026-11-24', pageViews: 0, clicks: 9, dwellSeconds: 0 }];
    // 2026-11-25 .. 2026-12-01 is the 7-day look-back: 2 + 1 clicks; the 24th is outside it.
    expect(evaluateNode(rules, facts({ contact: { ...facts().contact, tags: [] }, behaviour }), NOW)).toBe(true);
  });

  it('match no RFM condition for an unscored contact, and compare custom fields by their type', () => {
    const rfm = compiled({ all: [{ field: 'rfm.monetary', op: 'gte', value: 1 }] });
    const custom = compiled({ all: [{ field: 'customFields.tier', op: 'in', value: ['gold'] }, { field: 'customFields.spend', op: 'gt', value: 100 }] });

    expect(evaluateNode(rfm, facts({ scores: null }), NOW)).toBe(false);
    expect(evaluateNode(custom, facts(), NOW)).toBe(true);
    expect(() => compiled({ all: [{ field: 'customFields.income', op: 'gte', value: 1 }] })).toThrow(/rules\.all\.0\.field is a sensitive field/);
    expect(() => compiled({ all: [{ field: 'customFields.spend', op: 'in', value: ['1'] }] })).toThrow(/rules\.all\.0\.op/);
  });
});

describe('evaluateSegment', () => {
  it('reads partitions only for contacts not already ruled out, and stops at the member limit with a cursor', async () => {
    // Prepare: 5 contacts, east ones need an order lookup.
    const contacts = ['A', 'B', 'C', 'D', 'E'].map((id, index) => ({ id, firstName: id, ownerId: 'U1', region: index % 2 === 0 ? 'east' : 'west' }));
    const orderLookups: string[] = [];
    const source: SegmentDataSource = {
      contacts: async ({ afterId, limit }) => {
        const rest = contacts.filter((contact) => afterId === undefined || contact.id > afterId);
        const items = rest.slice(0, limit);
        return { items, lastId: rest.length > limit ? items.at(-1)!.id : null };
      },
      scoresBetween: async () => [],
      latestOrderAt: async (id) => {
        orderLookups.push(id);
        return '2026-11-30T00:00:00Z';
      },
      behaviourSince: async () => [],
    };
    const rules = compiled({ all: [{ field: 'region', op: 'eq', value: 'east' }, { field: 'purchase', op: 'inLastDays', value: 30 }] });
    const options = { scanLimit: 100, now: NOW, owns: () => true, withReasons: false };

    // Act
    const first = await evaluateSegment(rules, source, { ...options, memberLimit: 2 });
    const rest = await evaluateSegment(rules, source, { ...options, memberLimit: 2, afterId: first.lastId! });

    // Assess
    expect(first.members.map((member) => member.contactId)).toEqual(['A', 'C']);
    expect(first.lastId).toBe('C');
    expect(rest.members.map((member) => member.contactId)).toEqual(['E']);
    expect(rest.lastId).toBeNull();
    expect(orderLookups.sort()).toEqual(['A', 'C', 'E', 'E']);
    expect(first.cost).toEqual({ contactsRead: 5, scoresRead: 0, partitionQueries: 3 });
  });
});
