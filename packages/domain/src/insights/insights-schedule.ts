import type { Clock } from '../shared/clock';
import { startInsightsRun } from './insights-run';
import type { InsightsJobRepository, InsightsQueue, InsightsTenantListing } from './ports';

export interface InsightsScheduleDeps {
  tenants: InsightsTenantListing;
  jobsFor(tenantId: string): InsightsJobRepository;
  queue: InsightsQueue;
  clock: Clock;
}

const TENANT_PAGE = 100;

/**
 * The daily run: one job per tenant on the queue, found through the sparse tenant listing. Each
 * start is a conditional write of the tenant's run item, so a tenant whose run is still going is
 * skipped, and running the schedule twice queues nothing twice.
 */
export async function scheduleInsightsRuns(deps: InsightsScheduleDeps): Promise<{ tenants: number; started: number }> {
  let tenants = 0;
  let started = 0;
  let afterId: string | undefined;
  do {
    const page = await deps.tenants.tenantIds({ limit: TENANT_PAGE, ...(afterId ? { afterId } : {}) });
    for (const tenantId of page.items) {
      tenants += 1;
      const run = await startInsightsRun({ jobs: deps.jobsFor(tenantId), queue: deps.queue, clock: deps.clock, tenantId }, 'schedule');
      if (run.started) started += 1;
    }
    afterId = page.lastId ?? undefined;
  } while (afterId);
  return { tenants, started };
}
