import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, renderScreen } from '../../test/render';
import type { AuditEvent, Verification } from './audit-queries';
import { PROBLEM_WORDS } from './problem-words';
import { VerifyResult } from './verify-result';

const period = { from: '2026-12-01', to: '2026-12-05' };
const OBJECT = 'events/tenant=t1/date=2026-12-04/000000000004-000000000006-0123456789abcdef.jsonl.gz';

/** A verification as the API gives it: an intact trail unless problems are given. */
function verification(problems: Verification['problems'] = [], overrides: Partial<Verification> = {}): Verification {
  return { ok: problems.length === 0, checked: { events: 12, objects: 3, digests: 1, checkpoints: 2 }, pendingObjects: 0, pendingEvents: 0, supersededObjects: 0, problems, ...overrides };
}

/** An event as the audit log has it. */
function event(seq: number, overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    tenantId: 't1',
    seq,
    eventId: `01HZEVENT00000000000000000${seq}`,
    time: '2026-12-04T10:15:00.000Z',
    action: 'contact.updated',
    target: { type: 'contact', id: '01HZCONTACT000000000000001' },
    outcome: 'success',
    actor: { userId: '01HZUSERADA000000000000001', role: 'owner' },
    requestId: 'r1',
    sourceIp: '127.0.0.1',
    userAgent: null,
    ...overrides,
  };
}

const show = (element: React.ReactElement) => renderScreen(element, { fetch: async () => json(404, {}) });

describe('the verify result', () => {
  it('says an untouched period is intact, with what was checked and what is still pending', async () => {
    // Act
    show(<VerifyResult verification={verification([], { pendingEvents: 2 })} period={period} />);

    // Assess
    const result = await screen.findByRole('region', { name: 'Verification result' });
    expect(within(result).getByText(/The audit trail of .* is intact/)).toBeTruthy();
    expect(within(result).getByText('Checked 12 events in 3 archived objects, against 1 signed digest and 2 signed checkpoints.')).toBeTruthy();
    expect(within(result).getByText(/2 events made in the last few minutes are not archived yet/)).toBeTruthy();
    expect(within(result).queryByRole('list', { name: 'Problems found' })).toBeNull();
  });

  it('pinpoints every problem: where, the record and time it belongs to, the evidence and what it means', async () => {
    // Prepare: an altered event the log knows, a missing object, a late event and a checkpoint problem
    const altered = event(5);
    const problems = [
      { kind: 'event_altered', event: 5, object: OBJECT, detail: "event 5's hash does not match its content" },
      { kind: 'object_missing', object: 'events/tenant=t1/date=2026-12-05/000000000007-000000000009-fedcba9876543210.jsonl.gz', detail: 'it is not in the archive' },
      { kind: 'event_late', eventId: '01HZLATE000000000000000001', detail: 'event 01HZLATE000000000000000001, committed at 2026-12-05T09:00:00.000Z, is not integrated yet' },
      { kind: 'checkpoint_root_mismatch', object: 'checkpoints/tenant=t1/000000000012.json', detail: 'the archived events seq 1–12 do not give its root' },
    ];

    // Act
    show(
      <VerifyResult
        verification={verification(problems)}
        period={period}
        eventOf={(problem) => (problem.event === 5 ? altered : undefined)}
        actorName={(userId) => (userId === altered.actor.userId ? 'Ada Admin' : String(userId))}
      />,
    );

    // Assess
    const list = await screen.findByRole('list', { name: 'Problems found' });
    expect(screen.getByText(/^4 problems found in the audit trail of/)).toBeTruthy();
    const items = within(list).getAllByRole('listitem');
    expect(items.map((item) => item.dataset.kind)).toEqual(['event_altered', 'object_missing', 'event_late', 'checkpoint_root_mismatch']);
    const [first, second, third, fourth] = items.map((item) => item.textContent ?? '');
    expect(first).toContain(PROBLEM_WORDS.event_altered.title);
    expect(first).toContain('Where: Event 5, in the archived file of events 4 to 6, dated 2026-12-04.');
    expect(first).toContain('Record and time: contact.updated on contact 01HZCONTACT000000000000001, by Ada Admin, at ');
    expect(first).toContain("Evidence: event 5's hash does not match its content.");
    expect(first).toContain(OBJECT);
    expect(first).toContain(PROBLEM_WORDS.event_altered.meaning);
    expect(second).toContain('Where: The archived file of events 7 to 9, dated 2026-12-05.');
    expect(third).toContain('Where: Event 01HZLATE000000000000000001 (not numbered yet).');
    expect(third).toContain(PROBLEM_WORDS.event_late.title);
    expect(fourth).toContain('Where: The signed checkpoint of the first 12 events.');
  });

  it('names a kind it has no words for rather than hiding it', async () => {
    // Act
    show(<VerifyResult verification={verification([{ kind: 'future_kind', detail: 'something new' }])} period={period} />);

    // Assess
    const item = within(await screen.findByRole('list', { name: 'Problems found' })).getByRole('listitem');
    expect(item.textContent).toContain('A problem of a kind this console cannot describe yet (future_kind)');
    expect(item.textContent).toContain('Evidence: something new.');
  });

  it('has words for every kind the verifier reports', () => {
    // Assess: the type makes it exhaustive; this keeps each entry a real sentence
    for (const [kind, words] of Object.entries(PROBLEM_WORDS)) {
      expect(words.title.length, kind).toBeGreaterThan(10);
      expect(words.meaning, kind).toMatch(/\.$/);
    }
  });
});
