import { SQSClient } from '@aws-sdk/client-sqs';
import {
  DynamoContactRepository,
  DynamoCustomerScoresRepository,
  DynamoInsightsJobRepository,
  DynamoInsightsTenantListing,
  DynamoRecommendationRepository,
  SqsInsightsQueue,
} from '@rapport/data';
import { createInsightsService, type Actor, type InsightsScheduleDeps, type InsightsWorkerDeps } from '@rapport/domain';
import { createCommonRuntime, oncePerContainer, type CommonRuntime } from './common';

/** Scores, churn risk and recommendations: the API's routes, the worker and the daily schedule. */
export interface InsightsRuntime extends CommonRuntime {
  /** Scores, churn risk and recommendations of the caller's workspace, and asking for a run. */
  insightsFor(actor: Actor): ReturnType<typeof createInsightsService>;
  /** What the insights worker needs for one tenant's run. */
  insightsWorkerFor(tenantId: string): InsightsWorkerDeps;
  /** What the daily schedule needs to queue every tenant's run. */
  insightsSchedule(): InsightsScheduleDeps;
}

export function createInsightsRuntime(environment: NodeJS.ProcessEnv): InsightsRuntime {
  const common = createCommonRuntime(environment);
  const { env, table, clock, auditLog } = common;
  const sqs = new SQSClient({ region: env.AWS_REGION });
  const queue = () => {
    if (!env.INSIGHTS_QUEUE_URL) throw new Error('Insights need INSIGHTS_QUEUE_URL');
    return new SqsInsightsQueue({ sqs, queueUrl: env.INSIGHTS_QUEUE_URL });
  };
  const workerDeps = (tenantId: string): InsightsWorkerDeps => ({
    jobs: new DynamoInsightsJobRepository(table, tenantId),
    scores: new DynamoCustomerScoresRepository(table, tenantId),
    recommendations: new DynamoRecommendationRepository(table, tenantId),
    queue: queue(),
    auditLog,
    clock,
    tenantId,
    ...(env.INSIGHTS_CHUNK_SIZE ? { chunkSize: env.INSIGHTS_CHUNK_SIZE } : {}),
  });
  return {
    ...common,
    insightsFor: (actor) => createInsightsService({ ...workerDeps(actor.auth.tenantId), contacts: new DynamoContactRepository(table, actor.auth.tenantId) }, actor),
    insightsWorkerFor: workerDeps,
    insightsSchedule: () => ({
      tenants: new DynamoInsightsTenantListing(table),
      jobsFor: (tenantId) => new DynamoInsightsJobRepository(table, tenantId),
      queue: queue(),
      clock,
    }),
  };
}

export const insightsRuntime = oncePerContainer(createInsightsRuntime);
