import type { RequestMeta } from '@rapport/domain';
import type { APIGatewayProxyEvent } from 'aws-lambda';

/** Where the request came from, as API Gateway saw it. */
export function requestMetaOf(event: APIGatewayProxyEvent, requestId: string): RequestMeta {
  return {
    requestId,
    sourceIp: event.requestContext?.identity?.sourceIp ?? null,
    userAgent: event.requestContext?.identity?.userAgent ?? event.headers?.['user-agent'] ?? null,
  };
}
