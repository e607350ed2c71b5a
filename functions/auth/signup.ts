import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { signupInputSchema } from '@rapport/domain';
import { created, createHttpHandler } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';

export const createSignupHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'signup', { body: signupInputSchema }, async ({ body, request }) => {
    const result = await rt.signup.signUp(body, request);
    rt.metrics.addMetric('TenantSignedUp', MetricUnit.Count, 1);
    rt.metrics.publishStoredMetrics();
    return created(result);
  });

export const handler = createSignupHandler(runtime());
