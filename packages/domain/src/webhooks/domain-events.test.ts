import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../audit/audit-event';
import { DOMAIN_EVENT_TYPES, PUBLISHED_ACTIONS, domainEventOf } from './domain-events';

const anAuditEvent = (overrides: Partial<AuditEvent> = {}): AuditEvent => ({
  tenantId: 'tenant-1',
  seq: 7,
  eventId: '01JZ0000000000000000000000',
  time: '2026-12-01T10:00:00.000Z',
  prevHash: 'a',
  hash: 'b',
  action: 'contact.updated',
  target: { type: 'contact', id: 'contact-1' },
  outcome: 'success',
  changedFields: ['email', 'title'],
  actor: { userId: 'user-1', role: 'owner' },
  requestId: 'req-1',
  sourceIp: '203.0.113.9',
  userAgent: 'curl',
  ...overrides,
});

describe('domain events', () => {
  it('turns a published audit event into a thin event: the record and field names, nothing about who or from where', () => {
    expect(domainEventOf(anAuditEvent())).toEqual({
      id: 'evt_01JZ0000000000000000000000',
      type: 'contact.updated',
      tenantId: 'tenant-1',
      occurredAt: '2026-12-01T10:00:00.000Z',
      data: { id: 'contact-1', changedFields: ['email', 'title'] },
    });
  });

  it('names the record added to a contact', () => {
    const event = domainEventOf(anAuditEvent({ action: 'contact.transaction_added', targetIds: ['txn-1'], changedFields: ['currency', 'items'] }));
    expect(event?.data).toEqual({ id: 'contact-1', recordId: 'txn-1', changedFields: ['currency', 'items'] });
  });

  it('names the contact a merge removed, so a synced system can drop it', () => {
    const event = domainEventOf(anAuditEvent({ action: 'contact.merged', targetIds: ['contact-2'], changedFields: ['phone'] }));
    expect(event).toMatchObject({ type: 'contact.merged', data: { id: 'contact-1', recordId: 'contact-2', changedFields: ['phone'] } });
  });

  it('announces an imported batch once, naming every record it created, even one', () => {
    const batch = domainEventOf(anAuditEvent({ action: 'contacts.imported', target: { type: 'import', id: 'import-1' }, targetIds: ['c-1', 'c-2'], changedFields: ['email'] }));
    const single = domainEventOf(anAuditEvent({ action: 'companies.imported', target: { type: 'import', id: 'import-1' }, targetIds: ['co-1'] }));
    expect(batch?.data).toEqual({ id: 'import-1', recordIds: ['c-1', 'c-2'], changedFields: ['email'] });
    expect(single?.data).toEqual({ id: 'import-1', recordIds: ['co-1'], changedFields: ['email', 'title'] });
  });

  it.each(['auth.login', 'auth.login_failed', 'authz.denied', 'contact.pii_read', 'company.pii_read', 'contacts.exported', 'tenant.keys_rotated', 'webhook.created', 'field.created', 'import.started'] as const)(
    'keeps %s inside',
    (action) => {
      expect(domainEventOf(anAuditEvent({ action }))).toBeNull();
      expect(PUBLISHED_ACTIONS).not.toContain(action);
    },
  );

  it('publishes only what succeeded', () => {
    expect(domainEventOf(anAuditEvent({ outcome: 'denied' }))).toBeNull();
    expect(domainEventOf(anAuditEvent({ outcome: 'failure' }))).toBeNull();
  });

  it('offers the contact, company and import events for subscription', () => {
    expect([...DOMAIN_EVENT_TYPES].sort()).toEqual([
      'campaign.conversion_recorded',
      'campaign.created',
      'campaign.deleted',
      'campaign.launched',
      'campaign.updated',
      'companies.imported',
      'company.created',
      'company.deleted',
      'company.updated',
      'contact.converted',
      'contact.created',
      'contact.deleted',
      'contact.feedback_added',
      'contact.interaction_added',
      'contact.merge_undone',
      'contact.merged',
      'contact.transaction_added',
      'contact.updated',
      'contacts.imported',
      'deal.created',
      'deal.deleted',
      'deal.lost',
      'deal.stage_changed',
      'deal.updated',
      'deal.won',
      'survey.answered',
      'task.completed',
      'task.created',
      'task.deleted',
      'task.due',
      'task.updated',
      'ticket.created',
      'ticket.reopened',
      'ticket.replied',
      'ticket.resolved',
      'ticket.updated',
      'transactions.imported',
    ]);
  });
});
