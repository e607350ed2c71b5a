import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, renderScreen, signedIn } from '../../test/render';
import VerifyPage from './verify-page';

const at = '2026-12-04T10:15:00.000Z';
const ada = { id: '01HZUSERADA000000000000001', email: 'ada@acme.test', name: 'Ada Auditor', roleId: 'compliance_auditor', status: 'active', version: 1, createdAt: at, updatedAt: at };

/** The API as the verify screen sees it: event 2 of the trail was changed in the archive. */
function api() {
  const sent: { method: string; path: string; query: string; body: unknown }[] = [];
  const fetch = async (request: Request) => {
    const url = new URL(request.url);
    sent.push({ method: request.method, path: url.pathname, query: url.search, body: request.method === 'POST' ? await request.json() : undefined });
    if (url.pathname === '/v1/me') {
      return json(200, { user: { id: ada.id, email: ada.email, name: ada.name, status: 'active' }, tenant: { id: 't1', name: 'Acme', createdAt: at }, role: 'compliance_auditor', permissions: ['audit:read', 'users:read'] });
    }
    if (url.pathname === '/v1/users') return json(200, { items: [ada] });
    if (url.pathname === '/v1/audit/verify') {
      return json(200, {
        ok: false,
        checked: { events: 3, objects: 1, digests: 0, checkpoints: 0 },
        pendingObjects: 1,
        pendingEvents: 0,
        supersededObjects: 0,
        problems: [{ kind: 'event_altered', event: 2, object: 'events/tenant=t1/date=2026-12-04/000000000001-000000000003-0123456789abcdef.jsonl.gz', detail: "event 2's hash does not match its content" }],
      });
    }
    if (url.pathname === '/v1/audit/events') {
      const event = (seq: number, action: string) => ({
        tenantId: 't1', seq, eventId: `01HZEVENT0000000000000000${seq}`, time: at, action, target: { type: 'contact', id: 'C1' }, outcome: 'success',
        actor: { userId: ada.id, role: 'owner' }, requestId: `r${seq}`, sourceIp: null, userAgent: null,
      });
      return json(200, { source: 'table', items: [event(3, 'contact.deleted'), event(2, 'contact.updated'), event(1, 'contact.created')], nextCursor: null });
    }
    return json(404, { error: { code: 'NOT_FOUND', message: `No route ${request.method} ${url.pathname}`, requestId: 'r404' } });
  };
  return { fetch, sent };
}

describe('the verify screen', () => {
  it('verifies the chosen days and places each problem on the record, person and time it belongs to', async () => {
    // Prepare
    const { fetch, sent } = api();
    renderScreen(<VerifyPage />, { fetch, session: signedIn('auditor-token') });

    // Act
    fireEvent.change(screen.getByLabelText(/^From/), { target: { value: '2026-12-01' } });
    fireEvent.change(screen.getByLabelText(/^To/), { target: { value: '2026-12-04' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify this period' }));

    // Assess: the period went as local days' start and end, and the problem is placed
    const item = await within(await screen.findByRole('list', { name: 'Problems found' })).findByText(/^Record and time:/, {}, { timeout: 5000 }).then((node) => node.closest('li')!);
    const posted = sent.find((request) => request.path === '/v1/audit/verify')!.body as { from: string; to: string };
    expect(posted).toEqual({ from: new Date(2026, 11, 1).toISOString(), to: new Date(2026, 11, 4, 23, 59, 59, 999).toISOString() });
    expect(item.textContent).toContain('Where: Event 2, in the archived file of events 1 to 3, dated 2026-12-04.');
    expect(item.textContent).toContain('Record and time: contact.updated on contact C1, by Ada Auditor (ada@acme.test), at ');
    expect(screen.getByText(/1 archived object is newer than the last signed digest/)).toBeTruthy();
  });
});
