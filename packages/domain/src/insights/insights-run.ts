import type { Audited } from '../access/ports';
import { VersionConflictError } from '../errors';
import { newId } from '../shared/ids';
import type { Clock } from '../shared/clock';
import { STALE_RUN_MS, type InsightsJob, type InsightsTrigger } from './insights-job';
import type { InsightsJobRepository, InsightsQueue } from './ports';

export interface RunStarterDeps {
  jobs: InsightsJobRepository;
  queue: InsightsQueue;
  clock: Clock;
  tenantId: string;
}

/**
 * Starts a run of the tenant's insights job, unless one is already running (then answers it: a
 * request during the nightly run waits for that run, it does not start a second). The run item is
 * written before the first message is queued; if queueing fails the run is taken as lost after
 * STALE_RUN_MS and the next request or schedule starts over.
 */
export async function startInsightsRun(
  deps: RunStarterDeps,
  trigger: InsightsTrigger,
  options: { requestedBy?: string; audit?: Audited } = {},
): Promise<{ job: InsightsJob; started: boolean }> {
  // Two requests at once both see no run going; the one whose write loses joins the run the other
  // started (a request joins a running run, it never answers 409). A conflict with a run that is
  // not running (it finished in between) is tried once more.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOrJoin(deps, trigger, options);
    } catch (error) {
      if (!(error instanceof VersionConflictError) || attempt === 3) throw error;
    }
  }
}

async function startOrJoin(deps: RunStarterDeps, trigger: InsightsTrigger, options: { requestedBy?: string; audit?: Audited }): Promise<{ job: InsightsJob; started: boolean }> {
  const current = await deps.jobs.get();
  const now = deps.clock.now();
  if (current?.status === 'running' && now.getTime() - Date.parse(current.updatedAt) < STALE_RUN_MS) return { job: current, started: false };
  const job: InsightsJob = {
    runId: newId(),
    status: 'running',
    phase: 'gather',
    trigger,
    ...(options.requestedBy ? { requestedBy: options.requestedBy } : {}),
    startedAt: now.toISOString(),
    updatedAt: now.toISOString(),
    customersScored: 0,
    customersRanked: 0,
    productsWithRules: 0,
    ...(current?.lastCompleted ? { lastCompleted: current.lastCompleted } : {}),
    version: (current?.version ?? 0) + 1,
  };
  await deps.jobs.save(job, current?.version ?? null, options.audit);
  await deps.queue.send({ tenantId: deps.tenantId, runId: job.runId, version: job.version });
  return { job, started: true };
}
