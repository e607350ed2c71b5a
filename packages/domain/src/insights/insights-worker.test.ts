import { describe, expect, it } from 'vitest';
import type { Audited } from '../access/ports';
import type { Page } from '../contacts/ports';
import { VersionConflictError } from '../errors';
import type { AssociationRule } from './association-rules';
import type { CustomerPartition } from './customer-facts';
import type { CustomerScores } from './customer-scores';
import type { InsightsJob, InsightsJobMessage } from './insights-job';
import { startInsightsRun } from './insights-run';
import { runInsightsChunk, type InsightsWorkerDeps } from './insights-worker';
import type { CustomerScoresRepository, InsightsJobRepository, RecommendationRepository } from './ports';

const NOW = new Date('2026-06-01T12:00:00.000Z');
const DAY_MS = 86_400_000;
const contactIds = ['01A', '01B', '01C', '01D', '01E'];

/** The ports in memory: five contacts, contact i with i+1 orders of 10.00, the last i×10 days ago. */
function inMemory() {
  let stored: InsightsJob | null = null;
  const audits: Audited[] = [];
  const scores = new Map<string, CustomerScores>();
  const sent: InsightsJobMessage[] = [];
  const partitions = new Map<string, CustomerPartition>(
    contactIds.map((id, i) => [
      id,
      {
        contactId: id,
        ownerId: 'owner',
        transactions: Array.from({ length: i + 1 }, () => ({ time: new Date(NOW.getTime() - (i * 10 + 1) * DAY_MS).toISOString(), currency: 'EUR', amountMinor: 1000, items: [{ product: 'A', quantity: 1, unitPrice: '10.00' }] })),
        feedback: [],
        behaviour: [],
        tickets: [],
        previous: null,
      },
    ]),
  );
  const page = <T>(all: T[], idOf: (item: T) => string, { limit, afterId }: { limit: number; afterId?: string }): Page<T> => {
    const rest = all.filter((item) => afterId === undefined || idOf(item) > afterId);
    const items = rest.slice(0, limit);
    return { items, lastId: rest.length > limit ? idOf(items.at(-1)!) : null };
  };
  const jobs: InsightsJobRepository = {
    get: async () => (stored ? structuredClone(stored) : null),
    save: async (next, expectedVersion, audit) => {
      if ((stored?.version ?? null) !== expectedVersion) throw new VersionConflictError('insights-run', next.runId, expectedVersion ?? 0, stored?.version ?? 0);
      stored = structuredClone(next);
      if (audit) audits.push(audit);
    },
  };
  const scoresRepository: CustomerScoresRepository = {
    contactIds: async (options) => page([...partitions.keys()].sort(), (id) => id, options),
    partition: async (id) => partitions.get(id) ?? null,
    put: async (item) => {
      if (!partitions.has(item.contactId)) return false;
      scores.set(item.contactId, structuredClone(item));
      return true;
    },
    list: async (options) => page([...scores.values()].sort((a, b) => a.contactId.localeCompare(b.contactId)), (item) => item.contactId, options),
    setRfm: async (id, rfm) => {
      const item = scores.get(id);
      if (item && rfm) Object.assign(item, rfm);
    },
    get: async (id) => scores.get(id) ?? null,
    atRisk: async () => ({ items: [], next: null }),
  };
  const rules = new Map<string, AssociationRule[]>();
  const recommendations: RecommendationRepository = {
    replace: async (_runId, next) => {
      rules.clear();
      for (const [product, productRules] of next) rules.set(product, productRules);
      return next.size;
    },
    get: async (product) => (rules.has(product) ? { rules: rules.get(product)!, computedAt: NOW.toISOString() } : null),
  };
  const deps: InsightsWorkerDeps = {
    jobs,
    scores: scoresRepository,
    recommendations,
    queue: { send: async (message) => void sent.push(message) },
    auditLog: { record: async () => undefined },
    clock: { now: () => NOW },
    tenantId: 'tenant',
    chunkSize: 2,
  };
  return { deps, scores, sent, audits, job: () => stored, partitions };
}

/** Delivers queued messages until none is left, answering each outcome. */
async function drain(state: ReturnType<typeof inMemory>, deliver: (message: InsightsJobMessage) => Promise<string> = (message) => runInsightsChunk(state.deps, message)) {
  const outcomes: string[] = [];
  while (state.sent.length > 0) outcomes.push(await deliver(state.sent.shift()!));
  return outcomes;
}

describe('the insights worker', () => {
  it('gathers, ranks and scores in chunks, each queueing the next, and audits the run once', async () => {
    // Prepare
    const state = inMemory();
    await startInsightsRun(state.deps, 'schedule');

    // Act
    const outcomes = await drain(state);

    // Assess: gather 3 chunks (2+2+1), rank 1, score 3 chunks.
    expect(outcomes).toEqual(['continued', 'continued', 'continued', 'continued', 'continued', 'continued', 'completed']);
    expect(state.job()).toMatchObject({ status: 'completed', customersScored: 5, customersRanked: 5, mainCurrency: 'EUR', lastCompleted: { customersScored: 5, customersRanked: 5 } });
    expect(contactIds.map((id) => state.scores.get(id)!.rfm)).toEqual(['5-1-1', '4-2-2', '3-3-3', '2-4-4', '1-5-5']);
    expect(state.audits.map((audit) => audit.entry.action)).toEqual(['insights.recomputed']);
    expect(state.audits[0]!.entry.details).toMatchObject({ trigger: 'schedule', customersScored: 5, customersRanked: 5 });
  });

  it('treats a duplicate message as stale once the run has moved on', async () => {
    // Prepare
    const state = inMemory();
    const { job } = await startInsightsRun(state.deps, 'request');
    const message = state.sent.shift()!;
    expect(await runInsightsChunk(state.deps, message)).toBe('continued');

    // Act: the same message delivered again, then an old run's message.
    const duplicate = await runInsightsChunk(state.deps, message);
    await drain(state);
    const old = await runInsightsChunk(state.deps, { tenantId: 'tenant', runId: job.runId.replace(/.$/, 'X'), version: state.job()!.version });

    // Assess: the duplicate finds the run moved on, the run completes once, the old run's message is stale.
    expect(duplicate).toBe('stale');
    expect(state.job()?.status).toBe('completed');
    expect(old).toBe('stale');
    expect(state.audits).toHaveLength(1);
  });

  it('resumes after a crash mid-chunk from the last checkpoint, scoring everyone', async () => {
    // Prepare: the second partition read fails once, as a throttled read would.
    const state = inMemory();
    await startInsightsRun(state.deps, 'request');
    const partition = state.deps.scores.partition.bind(state.deps.scores);
    let failures = 1;
    state.deps.scores.partition = async (id, options) => {
      if (id === '01D' && failures-- > 0) throw new Error('throttled');
      return partition(id, options);
    };

    // Act: a failed delivery is delivered again (SQS), as the local queue does.
    const outcomes = await drain(state, async (message) => {
      try {
        return await runInsightsChunk(state.deps, message);
      } catch {
        state.sent.unshift(message);
        return 'failed';
      }
    });

    // Assess
    expect(outcomes).toContain('failed');
    expect(state.job()).toMatchObject({ status: 'completed', customersScored: 5, customersRanked: 5 });
  });

  it('does not start a second run while one is running', async () => {
    const state = inMemory();
    const first = await startInsightsRun(state.deps, 'schedule');
    const second = await startInsightsRun(state.deps, 'request');
    expect(second).toEqual({ job: first.job, started: false });
    expect(state.sent).toHaveLength(1);
  });
});
