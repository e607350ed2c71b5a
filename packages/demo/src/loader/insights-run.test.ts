import { describe, expect, it } from 'vitest';
import { runInsights } from './insights-run';
import type { Session } from './sessions';

const silent = { phase: () => ({ tick() {}, done() {} }), note() {} };
const ROUTES = [
  { method: 'POST', path: '/v1/insights/recompute' },
  { method: 'GET', path: '/v1/insights/status' },
];

/** A session whose status reads answer `statuses` in turn (the last one repeated). */
function ownerAnswering(statuses: object[]) {
  const calls: string[] = [];
  let read = 0;
  const call = (async (method: string, path: string) => {
    calls.push(`${method} ${path}`);
    if (method === 'POST') return { status: 202, body: { runId: 'run-2', status: 'running', phase: 'gather', customersScored: 0 } };
    return { status: 200, body: statuses[Math.min(read++, statuses.length - 1)] };
  }) as Session['call'];
  return { owner: { email: 'o', password: 'p', userId: 'u', token: () => 't', call } satisfies Session, calls };
}

describe('runInsights', () => {
  it('follows the run it queued to completion, not an earlier finished one', async () => {
    const { owner, calls } = ownerAnswering([
      { runId: 'run-1', status: 'completed', phase: 'score', customersScored: 3 },
      { runId: 'run-2', status: 'running', phase: 'score', customersScored: 5 },
      { runId: 'run-2', status: 'completed', phase: 'score', customersScored: 9 },
    ]);

    const result = await runInsights({ owner, progress: silent, contacts: 10, pollMs: 1, routes: ROUTES });

    expect(result).toEqual({ step: 'insights', outcome: { created: 9 } });
    expect(calls).toEqual(['POST /v1/insights/recompute', 'GET /v1/insights/status', 'GET /v1/insights/status', 'GET /v1/insights/status']);
  });

  it('leaves a run still going at the timeout to finish in the background, and says so', async () => {
    const { owner } = ownerAnswering([{ runId: 'run-2', status: 'running', phase: 'rank', customersScored: 4 }]);

    const result = await runInsights({ owner, progress: silent, contacts: 10, pollMs: 1, timeoutMs: 20, routes: ROUTES });

    expect(result.outcome).toEqual({ skipped: expect.stringMatching(/still running after 0 s \(phase rank\)/) });
  });

  it('skips, naming the route, when the API has no insights routes', async () => {
    const { owner, calls } = ownerAnswering([]);

    const result = await runInsights({ owner, progress: silent, contacts: 10, routes: ROUTES.slice(1) });

    expect(result.outcome).toEqual({ skipped: 'the API has no POST /v1/insights/recompute yet' });
    expect(calls).toEqual([]);
  });
});
