import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { HttpError, ValidationError } from '../errors';

export interface JsonBodyOptions {
  maxBytes: number;
}

const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * Parses a JSON body. Written here rather than taken from @middy/http-json-body-parser because
 * that one answers malformed JSON with 415 and keeps the raw body (personal data) on the error's
 * cause, where a logger would print it; this answers 400, 413 and 415 as the API documents.
 * Runs after http-header-normalizer, so header names are lower-case.
 */
export function jsonBody(options: JsonBodyOptions): MiddlewareObj<APIGatewayProxyEvent> {
  return {
    name: 'json-body',
    before: (request) => {
      const { event } = request;
      const raw = event.body ?? '';
      const size = event.isBase64Encoded ? Math.floor((raw.length * 3) / 4) : Buffer.byteLength(raw);
      if (size > options.maxBytes) {
        throw new HttpError('PAYLOAD_TOO_LARGE', `The request body must be at most ${options.maxBytes} bytes`, {
          details: { maxBytes: options.maxBytes },
        });
      }
      const contentType = event.headers?.['content-type'] ?? '';
      if (!JSON_MEDIA_TYPE.test(contentType)) {
        throw new HttpError('UNSUPPORTED_MEDIA_TYPE', 'Send the request body as JSON with "Content-Type: application/json"', {
          details: { received: contentType.slice(0, 100) || null },
        });
      }
      const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
      if (text.trim() === '') throw new ValidationError([{ field: 'body', message: 'is required' }]);
      try {
        (event as { body: unknown }).body = JSON.parse(text);
      } catch (error) {
        // Only the position: the parser's message can quote the body itself.
        const position = error instanceof Error ? /position (\d+)/.exec(error.message)?.[1] : undefined;
        throw new HttpError('MALFORMED_JSON', `The request body is not valid JSON${position ? ` (at position ${position})` : ''}`);
      }
    },
  };
}
