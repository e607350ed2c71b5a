import { ROUTES } from '@rapport/http';
import type { PendingStepResult } from './pending-areas';
import { hasRoute } from './pending-areas';
import type { Progress } from './progress';
import type { Session } from './sessions';

export const INSIGHTS_ROUTES = {
  recompute: { method: 'POST', path: '/v1/insights/recompute' },
  status: { method: 'GET', path: '/v1/insights/status' },
} as const;

interface InsightsStatus {
  runId: string;
  status: 'running' | 'completed';
  phase: string;
  customersScored: number;
}

export interface InsightsRunOptions {
  owner: Session;
  progress: Progress;
  /** Contacts in the workspace: the progress line's total. */
  contacts: number;
  /** How long to wait for the run before leaving it to finish on its own. @default 600_000 */
  timeoutMs?: number;
  /** Between status reads. @default 1000 */
  pollMs?: number;
  routes?: readonly { method: string; path: string }[];
}

/**
 * Asks for a run of the insights job (scores, churn risk, recommendations) on the loaded data and
 * follows it through its status until it completes, so the workspace opens with them filled. A
 * run still going at the timeout is left to finish in the background (the step says so).
 */
export async function runInsights(options: InsightsRunOptions): Promise<PendingStepResult> {
  const { owner, progress, contacts, timeoutMs = 600_000, pollMs = 1000, routes = Object.values(ROUTES) } = options;
  const missing = Object.values(INSIGHTS_ROUTES).filter((route) => !hasRoute(route, routes));
  if (missing.length > 0) {
    const reason = `the API has no ${missing.map((route) => `${route.method} ${route.path}`).join(', ')} yet`;
    progress.note(`${'insights'.padEnd(14)} skipped: ${reason}`);
    return { step: 'insights', outcome: { skipped: reason } };
  }
  const queued = await owner.call<InsightsStatus>('POST', INSIGHTS_ROUTES.recompute.path);
  const bar = progress.phase('insights', contacts);
  const deadline = Date.now() + timeoutMs;
  let shown = 0;
  for (;;) {
    const status = (await owner.call<InsightsStatus>('GET', INSIGHTS_ROUTES.status.path)).body;
    if (status.customersScored > shown) {
      bar.tick(Math.min(contacts, status.customersScored) - shown);
      shown = Math.min(contacts, status.customersScored);
    }
    if (status.runId === queued.body.runId && status.status === 'completed') {
      bar.done(`${status.customersScored} customers scored`);
      return { step: 'insights', outcome: { created: status.customersScored } };
    }
    if (Date.now() >= deadline) {
      const reason = `still running after ${Math.round(timeoutMs / 1000)} s (phase ${status.phase}); it finishes in the background`;
      bar.done(reason);
      return { step: 'insights', outcome: { skipped: reason } };
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
