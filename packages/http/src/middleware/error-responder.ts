import type { Logger } from '@aws-lambda-powertools/logger';
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { RequestContext } from '../context';
import { mapError } from '../error-mapping';
import { toProxyResult } from '../proxy-result';

/**
 * The only place an error becomes a response. Errors raised on purpose keep their code and safe
 * message; anything else is logged in full and answered with a plain 500 and the request id.
 */
export function errorResponder(logger: Logger): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult, Error, RequestContext> {
  return {
    name: 'error-responder',
    onError: (request) => {
      const requestId = request.context.requestId ?? request.context.awsRequestId;
      const mapped = mapError(request.error, requestId);
      if (mapped.expected) {
        logger.info('Request refused', { statusCode: mapped.statusCode, code: mapped.body.error.code });
      } else {
        logger.error('Request failed', { error: request.error as Error });
      }
      request.response = toProxyResult({ statusCode: mapped.statusCode, body: mapped.body, headers: mapped.headers }, requestId);
    },
  };
}
