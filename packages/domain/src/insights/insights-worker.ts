import type { AuditLog } from '../audit/audit-log';
import { VersionConflictError } from '../errors';
import type { Clock } from '../shared/clock';
import { BasketCounter } from './association-rules';
import { BEHAVIOUR_DAYS_READ, gatheredScores, recencyDaysOf } from './customer-facts';
import type { CustomerScores } from './customer-scores';
import type { InsightsJob, InsightsJobMessage, InsightsRunSummary } from './insights-job';
import type { CustomerScoresRepository, InsightsJobRepository, InsightsQueue, RecommendationRepository } from './ports';
import { rfmScore, rfmThresholds, type RfmFacts } from './rfm';

/** Contacts one invocation gathers (one Query each) or scores: seconds of work, far from a Lambda's timeout. */
export const DEFAULT_INSIGHTS_CHUNK = 200;
/** Partition reads and writes in flight at once within a chunk. */
const PARALLEL = 10;
/** The rank phase reads the scores listing in pages of this many. */
const RANK_PAGE = 1000;

export interface InsightsWorkerDeps {
  jobs: InsightsJobRepository;
  scores: CustomerScoresRepository;
  recommendations: RecommendationRepository;
  queue: InsightsQueue;
  auditLog: AuditLog;
  clock: Clock;
  tenantId: string;
  chunkSize?: number;
}

export type InsightsChunkOutcome = 'continued' | 'completed' | 'stale';

/**
 * Does the next chunk of the message's run and queues the one after. The run item is the
 * checkpoint: each chunk moves it on (conditionally on its version) and names the new version in
 * the next message, so a duplicate of a message whose chunk is done finds the run moved on and
 * stops, and a message redelivered after a crash before its checkpoint redoes that chunk.
 */
export async function runInsightsChunk(deps: InsightsWorkerDeps, message: InsightsJobMessage): Promise<InsightsChunkOutcome> {
  const job = await deps.jobs.get();
  if (!job || job.runId !== message.runId || job.version !== message.version || job.status !== 'running') return 'stale';
  let next: InsightsJob;
  try {
    next = await PHASES[job.phase](deps, job);
  } catch (error) {
    if (error instanceof VersionConflictError) return 'stale';
    throw error;
  }
  if (next.status === 'completed') return 'completed';
  await deps.queue.send({ ...message, version: next.version });
  return 'continued';
}

type Phase = (deps: InsightsWorkerDeps, job: InsightsJob) => Promise<InsightsJob>;

const moved = (deps: InsightsWorkerDeps, job: InsightsJob, changes: Partial<InsightsJob>): InsightsJob => {
  const next = { ...job, ...changes, version: job.version + 1, updatedAt: deps.clock.now().toISOString() };
  if (changes.cursor === undefined && 'cursor' in changes) delete next.cursor;
  return next;
};

const gather: Phase = async (deps, job) => {
  const page = await deps.scores.contactIds({ limit: deps.chunkSize ?? DEFAULT_INSIGHTS_CHUNK, ...(job.cursor ? { afterId: job.cursor } : {}) });
  const asOf = new Date(job.startedAt);
  const behaviourSince = new Date(asOf.getTime() - BEHAVIOUR_DAYS_READ * 86_400_000).toISOString().slice(0, 10);
  let written = 0;
  await inParallel(page.items, async (contactId) => {
    const partition = await deps.scores.partition(contactId, { behaviourSince });
    if (partition && (await deps.scores.put(gatheredScores(partition, { runId: job.runId, asOf })))) written += 1;
  });
  const last = page.items.at(-1);
  const customersScored = job.customersScored + written;
  const next = page.lastId && last ? moved(deps, job, { cursor: last, customersScored }) : moved(deps, job, { phase: 'rank', cursor: undefined, customersScored });
  await deps.jobs.save(next, job.version);
  return next;
};

const rank: Phase = async (deps, job) => {
  const asOf = new Date(job.startedAt);
  const customers: (Omit<RfmFacts, 'monetaryMinor'> & { spendByCurrency: Record<string, number> })[] = [];
  const buyersByCurrency = new Map<string, number>();
  const baskets = new BasketCounter();
  await eachScoresItem(deps.scores, job.runId, (scores) => {
    if (!scores.lastOrderAt || scores.orderCount === 0) return;
    customers.push({ recencyDays: recencyDaysOf(scores.lastOrderAt, asOf), orderCount: scores.orderCount, spendByCurrency: scores.spendByCurrency });
    for (const currency of Object.keys(scores.spendByCurrency)) buyersByCurrency.set(currency, (buyersByCurrency.get(currency) ?? 0) + 1);
    baskets.add(scores.products);
  });
  const mainCurrency = mainCurrencyOf(buyersByCurrency);
  const thresholds = rfmThresholds(customers.map((customer) => ({ ...customer, monetaryMinor: mainCurrency ? (customer.spendByCurrency[mainCurrency] ?? 0) : 0 })));
  const productsWithRules = await deps.recommendations.replace(job.runId, baskets.rules(), job.startedAt);
  const next = moved(deps, job, { phase: 'score', cursor: undefined, mainCurrency, thresholds, productsWithRules });
  await deps.jobs.save(next, job.version);
  return next;
};

const score: Phase = async (deps, job) => {
  const page = await deps.scores.list({ limit: deps.chunkSize ?? DEFAULT_INSIGHTS_CHUNK, ...(job.cursor ? { afterId: job.cursor } : {}) });
  const asOf = new Date(job.startedAt);
  let ranked = 0;
  await inParallel(page.items, async (scores) => {
    if (scores.runId !== job.runId) return;
    if (!scores.lastOrderAt || scores.orderCount === 0 || !job.thresholds || !job.mainCurrency) {
      if (scores.rfm) await deps.scores.setRfm(scores.contactId, null);
      return;
    }
    const monetaryMinor = scores.spendByCurrency[job.mainCurrency] ?? 0;
    const rfm = rfmScore({ recencyDays: recencyDaysOf(scores.lastOrderAt, asOf), orderCount: scores.orderCount, monetaryMinor }, job.thresholds);
    await deps.scores.setRfm(scores.contactId, { ...rfm, monetaryMinor, currency: job.mainCurrency });
    ranked += 1;
  });
  const last = page.items.at(-1);
  const customersRanked = job.customersRanked + ranked;
  if (page.lastId && last) {
    const next = moved(deps, job, { cursor: last.contactId, customersRanked });
    await deps.jobs.save(next, job.version);
    return next;
  }
  return finish(deps, job, customersRanked);
};

/** The run's end: its summary becomes the last completed run, audited once (a system write, with counts, never per customer). */
async function finish(deps: InsightsWorkerDeps, job: InsightsJob, customersRanked: number): Promise<InsightsJob> {
  const finishedAt = deps.clock.now().toISOString();
  const summary: InsightsRunSummary = {
    runId: job.runId,
    trigger: job.trigger,
    startedAt: job.startedAt,
    finishedAt,
    customersScored: job.customersScored,
    customersRanked,
    productsWithRules: job.productsWithRules,
    mainCurrency: job.mainCurrency ?? null,
  };
  const next = moved(deps, job, { status: 'completed', finishedAt, cursor: undefined, customersRanked, lastCompleted: summary });
  await deps.jobs.save(next, job.version, {
    context: { actor: { userId: null, role: null }, requestId: `insights-${job.runId}`, sourceIp: null, userAgent: null },
    entry: {
      action: 'insights.recomputed',
      target: { type: 'insights-run', id: job.runId },
      outcome: 'success',
      details: {
        trigger: job.trigger,
        customersScored: summary.customersScored,
        customersRanked,
        productsWithRules: summary.productsWithRules,
        ...(job.requestedBy ? { requestedBy: job.requestedBy } : {}),
      },
    },
  });
  return next;
}

async function eachScoresItem(scores: CustomerScoresRepository, runId: string, visit: (item: CustomerScores) => void): Promise<void> {
  let afterId: string | undefined;
  do {
    const page = await scores.list({ limit: RANK_PAGE, ...(afterId ? { afterId } : {}) });
    for (const item of page.items) if (item.runId === runId) visit(item);
    afterId = page.lastId ?? undefined;
  } while (afterId);
}

/** The currency most customers bought in (ties: the first by code), null without any order. */
export function mainCurrencyOf(buyersByCurrency: Map<string, number>): string | null {
  const ranked = [...buyersByCurrency.entries()].sort(([a, countA], [b, countB]) => countB - countA || a.localeCompare(b));
  return ranked[0]?.[0] ?? null;
}

async function inParallel<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
  for (let start = 0; start < items.length; start += PARALLEL) await Promise.all(items.slice(start, start + PARALLEL).map(work));
}

const PHASES: Record<InsightsJob['phase'], Phase> = { gather, rank, score };
