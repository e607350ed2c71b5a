import { Logger } from '@aws-lambda-powertools/logger';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoAnalyticsStore, DynamoCompletenessTotalsStore, keys } from '@rapport/data';
import { createAnalyticsProjector, createCompletenessProjector, systemClock, type AnalyticsProjector, type CompletenessProjector } from '@rapport/domain';
import * as z from 'zod';

/** The projector function's configuration, from its environment (the CDK analytics construct in AWS, the local stack here). */
const environmentSchema = z.object({
  TABLE_NAME: z.string().min(1),
  AWS_REGION: z.string().min(1).default('us-east-1'),
});

export interface AnalyticsProjectorRuntime {
  logger: Logger;
  tracer: Tracer;
  projector: AnalyticsProjector;
  /** The workspace completeness totals, moved by each batch's contact changes. */
  completeness: CompletenessProjector;
  /** Whether the tenant still exists: an offboarded tenant's streamed removals must not write aggregates back. */
  tenantExists(tenantId: string): Promise<boolean>;
}

export function createAnalyticsProjectorRuntime(environment: NodeJS.ProcessEnv): AnalyticsProjectorRuntime {
  const env = environmentSchema.parse(environment);
  const logger = new Logger({ serviceName: 'rapport' });
  const tracer = new Tracer({ serviceName: 'rapport' });
  const client = DynamoDBDocumentClient.from(tracer.captureAWSv3Client(new DynamoDBClient({ region: env.AWS_REGION })), {
    marshallOptions: { removeUndefinedValues: true },
  });
  const store = new DynamoAnalyticsStore({ client, tableName: env.TABLE_NAME, clock: systemClock });
  return {
    logger,
    tracer,
    projector: createAnalyticsProjector(store),
    completeness: createCompletenessProjector(new DynamoCompletenessTotalsStore({ client, tableName: env.TABLE_NAME, clock: systemClock })),
    tenantExists: async (tenantId) => {
      const { Item } = await client.send(new GetCommand({ TableName: env.TABLE_NAME, Key: keys.tenant(tenantId), ProjectionExpression: 'pk' }));
      return Item !== undefined;
    },
  };
}

let current: AnalyticsProjectorRuntime | undefined;

/** The projector function's runtime, created at cold start from `process.env`. */
export function analyticsProjectorRuntime(): AnalyticsProjectorRuntime {
  current ??= createAnalyticsProjectorRuntime(process.env);
  return current;
}
