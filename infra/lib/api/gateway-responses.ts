import { BASE_HEADERS, type ErrorCode } from '@rapport/http';
import { ResponseType, type RestApi } from 'aws-cdk-lib/aws-apigateway';

/** Codes only API Gateway produces, for rejections that happen before any handler runs. */
type GatewayOnlyCode = 'RATE_LIMITED' | 'REQUEST_REJECTED' | 'INTERNAL_ERROR';

interface GatewayErrorResponse {
  type: ResponseType;
  statusCode?: string;
  code: ErrorCode | GatewayOnlyCode;
  /** A fixed message, or none to pass on API Gateway's own (always generic) message. */
  message?: string;
}

/**
 * Errors API Gateway answers itself, in the API's error shape (`{"error":{"code","message","requestId"}}`)
 * and with the API's headers, so a client never has to parse a second error format. The codes reuse
 * the API's own wherever the meaning is the same.
 */
const GATEWAY_ERRORS: GatewayErrorResponse[] = [
  // Only reachable if a request escapes the catch-all resources; API Gateway's default would be a misleading 403.
  { type: ResponseType.MISSING_AUTHENTICATION_TOKEN, statusCode: '404', code: 'ROUTE_NOT_FOUND', message: 'No route matches this method and path.' },
  { type: ResponseType.BAD_REQUEST_PARAMETERS, code: 'VALIDATION_FAILED', message: 'The request parameters are invalid.' },
  { type: ResponseType.BAD_REQUEST_BODY, code: 'VALIDATION_FAILED', message: 'The request body is invalid.' },
  { type: ResponseType.REQUEST_TOO_LARGE, code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large.' },
  { type: ResponseType.UNSUPPORTED_MEDIA_TYPE, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'The request content type is not supported.' },
  { type: ResponseType.THROTTLED, code: 'RATE_LIMITED', message: 'Too many requests; retry later.' },
  { type: ResponseType.DEFAULT_4XX, code: 'REQUEST_REJECTED' },
  {
    type: ResponseType.DEFAULT_5XX,
    code: 'INTERNAL_ERROR',
    message: 'Something went wrong on our side. Quote the request id if you contact support.',
  },
];

/** Header values in a gateway response are mapping expressions: a literal is single-quoted. */
const RESPONSE_HEADERS = Object.fromEntries(Object.entries(BASE_HEADERS).map(([name, value]) => [name, `'${value}'`]));

export function addGatewayResponses(api: RestApi): void {
  for (const { type, statusCode, code, message } of GATEWAY_ERRORS) {
    // `messageString` is API Gateway's message already quoted as a JSON string.
    const messageJson = message === undefined ? '$context.error.messageString' : JSON.stringify(message);
    api.addGatewayResponse(`GatewayResponse${type.responseType}`, {
      type,
      ...(statusCode ? { statusCode } : {}),
      responseHeaders: RESPONSE_HEADERS,
      templates: {
        'application/json': `{"error":{"code":${JSON.stringify(code)},"message":${messageJson},"requestId":"$context.requestId"}}`,
      },
    });
  }
}
