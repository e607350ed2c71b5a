import type { APIGatewayProxyResult } from 'aws-lambda';
import { BASE_HEADERS, type HttpResponse } from './responses';

/** Serialises a response for API Gateway, with the headers every response carries. */
export function toProxyResult(response: HttpResponse, requestId: string): APIGatewayProxyResult {
  const headers = { ...BASE_HEADERS, 'x-request-id': requestId, ...response.headers };
  if (response.rawBody !== undefined) return { statusCode: response.statusCode, headers, body: response.rawBody };
  if (response.body === undefined) {
    delete (headers as Record<string, string>)['content-type'];
    return { statusCode: response.statusCode, headers, body: '' };
  }
  return { statusCode: response.statusCode, headers, body: JSON.stringify(response.body) };
}
