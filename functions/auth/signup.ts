import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { signupInputSchema } from '@rapport/domain';
import { created, createHttpHandler, sessionEndpoints } from '@rapport/http';
import { authRuntime, type AuthRuntime } from '../shared/runtime/auth';

export const createSignupHandler = (rt: AuthRuntime) =>
  createHttpHandler(rt, sessionEndpoints.signup, { body: signupInputSchema }, async ({ body, request }) => {
    const result = await rt.signup.signUp(body, request);
    rt.metrics.addMetric('TenantSignedUp', MetricUnit.Count, 1);
    rt.metrics.publishStoredMetrics();
    return created(result);
  });

export const handler = createSignupHandler(authRuntime());
