import type { ContactRepository } from '../contacts/ports';
import { customerScopeOf } from '../customers/customer-scope';
import { NotFoundError } from '../errors';
import type { Actor } from '../shared/auth-context';
import type { Clock } from '../shared/clock';
import type { AssociationRule } from './association-rules';
import type { ChurnLevel } from './churn-model';
import { scoresView, type CustomerScoresView } from './customer-scores';
import type { InsightsJob } from './insights-job';
import { startInsightsRun } from './insights-run';
import type { CustomerScoresRepository, InsightsJobRepository, InsightsQueue, RecommendationRepository } from './ports';

export interface InsightsServiceDeps {
  jobs: InsightsJobRepository;
  scores: CustomerScoresRepository;
  recommendations: RecommendationRepository;
  contacts: ContactRepository;
  queue: InsightsQueue;
  clock: Clock;
  tenantId: string;
}

/**
 * Scores, churn risk and recommendations for one caller (`analytics:read`), and asking for a
 * fresh run. A customer's scores follow the contact's record scope, like its 360 view: without
 * `contacts:read_all` only the caller's own contacts (404 otherwise), and the churn list only
 * lists them.
 */
export function createInsightsService(deps: InsightsServiceDeps, actor: Actor) {
  const scope = customerScopeOf(actor);
  return {
    /** Queues a run of the tenant's job (or answers the one already running). */
    async recompute(): Promise<{ job: InsightsJob; started: boolean }> {
      return startInsightsRun(deps, 'request', {
        requestedBy: actor.auth.userId,
        audit: scope.audited({ action: 'insights.recompute_requested', target: { type: 'insights', id: deps.tenantId } }),
      });
    },

    async status(): Promise<InsightsJob> {
      const job = await deps.jobs.get();
      if (!job) throw new NotFoundError('insights-run', 'latest');
      return job;
    },

    async scoresOf(contactId: string): Promise<CustomerScoresView> {
      const contact = await deps.contacts.get(contactId);
      if (!contact || !scope.owns(contact.ownerId)) throw new NotFoundError('contact', contactId);
      const scores = await deps.scores.get(contactId);
      if (!scores) throw new NotFoundError('customer-scores', contactId);
      return scoresView(scores);
    },

    async atRisk(level: ChurnLevel, page: { limit: number; after?: string }): Promise<{ items: CustomerScoresView[]; next: string | null }> {
      const result = await deps.scores.atRisk(level, { ...page, ...(scope.seesAll ? {} : { ownerId: actor.auth.userId }) });
      return { items: result.items.map(scoresView), next: result.next };
    },

    /** The product's rules, best first, a page of them (`offset` into the stored list). */
    async recommendations(product: string, page: { limit: number; offset: number }): Promise<{ items: AssociationRule[]; next: number | null; computedAt: string | null }> {
      const stored = await deps.recommendations.get(product);
      const rules = stored?.rules ?? [];
      const items = rules.slice(page.offset, page.offset + page.limit);
      return { items, next: page.offset + page.limit < rules.length ? page.offset + page.limit : null, computedAt: stored?.computedAt ?? null };
    },
  };
}

export type InsightsService = ReturnType<typeof createInsightsService>;
