import { Function as CloudFrontFunction, FunctionCode, FunctionRuntime } from 'aws-cdk-lib/aws-cloudfront';
import type { Construct } from 'constructs';

/**
 * The SPA fallback, as a CloudFront Function on the console's behaviour only (viewer request): a
 * path whose last segment has no file extension (`/users/42`, `/accept-invite?token=…`) is a route
 * of the app, so `/index.html` is served for it; a file (`/assets/app-3f2a.js`) is served as is, and
 * a missing one stays an error. Not the distribution's custom error responses: those apply to every
 * behaviour, and would turn the API's own 403 and 404 answers into the console's page with a 200.
 */
export const SPA_ROUTING_CODE = `function handler(event) {
  var request = event.request;
  var last = request.uri.split('/').pop();
  if (last.indexOf('.') === -1) request.uri = '/index.html';
  return request;
}`;

export function spaRoutingFunction(scope: Construct, id: string): CloudFrontFunction {
  return new CloudFrontFunction(scope, id, {
    code: FunctionCode.fromInline(SPA_ROUTING_CODE),
    runtime: FunctionRuntime.JS_2_0,
    comment: 'Rapport console: serve /index.html for the app routes (paths without a file extension)',
  });
}
