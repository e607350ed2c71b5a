import type { DemoDataset } from '../generator/dataset';

/**
 * Writes per second of a demo load at the default concurrency (8), counting each API request and
 * each stored behaviour event as one write (the server stores every event in a transaction of its
 * own). Measured: 100 customers (1,181 requests, 814 events) loaded in 84 s on the shared 2-core
 * development machine, the local stack in the same process. Contacts are the slowest (~7/s).
 */
export const MEASURED_WRITES_PER_SECOND = 24;

export interface PlannedWork {
  /** API requests the loader sends, login and polling aside. */
  requests: number;
  /** Behaviour events (sent 500 to a request). */
  events: number;
}

/** What loading `dataset` costs, counted the way the loader sends it. */
export function plannedWork(dataset: DemoDataset, tasksToo = true): PlannedWork {
  const events = dataset.behaviour.reduce((sum, day) => sum + day.pageViews + day.clicks, 0);
  const deals = dataset.deals.reduce((sum, deal) => sum + 1 + (deal.stagesReached.length - 1) + (deal.status === 'open' ? 0 : 1), 0);
  const tickets = dataset.tickets.reduce(
    (sum, ticket) => sum + 1 + (ticket.firstResponseAt ? 1 : 0) + (ticket.resolvedAt ? 1 : 0) + (ticket.status === 'closed' || ticket.status === 'pending' ? 1 : 0),
    0,
  );
  const campaigns = dataset.campaigns.reduce((sum, campaign) => sum + 3 + campaign.conversions.length, 0);
  const tasks = tasksToo ? dataset.tasks.reduce((sum, task) => sum + 1 + (task.status === 'done' ? 1 : 0), 0) : 0;
  const people = 1 + 2 * dataset.team.length + dataset.companies.length + dataset.contacts.length; // signup, invite + accept each
  const records = dataset.orders.length + dataset.interactions.length + dataset.feedback.length;
  const behaviour = 1 + Math.ceil(events / 500); // the ingest key, then the batches
  const pipeline = 1;
  const insights = 1; // the recompute (its status polls are not counted)
  const requests = people + records + behaviour + pipeline + deals + tickets + campaigns + tasks + insights;
  return { requests, events };
}

/** Minutes, rounded up, for `writes` at `perSecond`. */
export function minutesFor(writes: number, perSecond: number): number {
  return Math.max(1, Math.ceil(writes / perSecond / 60));
}
