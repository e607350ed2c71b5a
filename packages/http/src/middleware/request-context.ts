import type { Logger } from '@aws-lambda-powertools/logger';
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { RequestContext } from '../context';

/** Names the request: API Gateway's request id on the context and on every log line. */
export function requestContext(logger: Logger): MiddlewareObj<APIGatewayProxyEvent, unknown, Error, RequestContext> {
  return {
    name: 'request-context',
    before: (request) => {
      request.context.requestId = request.event.requestContext?.requestId ?? request.context.awsRequestId;
      logger.appendKeys({ requestId: request.context.requestId });
    },
  };
}
