import { FALLBACK_HANDLER, matchRoute } from '@rapport/http';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { createServer, maxHeaderSize, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { lambdaContext, toProxyEvent, writeProxyResult } from './api-gateway-event';
import { isConsoleRequest, serveConsoleFile } from './console-files';

type ProxyHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

/** API Gateway refuses larger request bodies before any function runs. */
export const GATEWAY_MAX_BODY_BYTES = 10 * 1024 * 1024;
/** The integration timeout the CDK api stack gives every function. */
export const FUNCTION_TIMEOUT_MS = 10_000;

export interface ApiServerOptions {
  port: number;
  host?: string;
  /** The `functions/` folder: route handlers are loaded from `<functionsDir>/<handler>.ts`. */
  functionsDir: string;
  /** The built web console, served on the same origin as the API (every GET outside `/v1`). */
  consoleDir?: string;
  /** Told of every answered request: method, path (never the query, which may hold an email), status, time. */
  onResponse?: (request: AnsweredRequest) => void;
}

export interface AnsweredRequest {
  method: string;
  path: string;
  status: number;
  ms: number;
}

export interface RunningApi {
  url: string;
  port: number;
  server: Server;
  stop(): Promise<void>;
}

/**
 * The local stand-in for API Gateway: matches each request against the route table, turns it into
 * the proxy event, invokes the same Lambda handler module AWS runs, and writes its result back.
 * Requests no route serves go to the fallback handler, as the CDK api stack wires them.
 */
export async function startApiServer(options: ApiServerOptions): Promise<RunningApi> {
  const handlers = new Map<string, Promise<ProxyHandler>>();
  const load = (handler: string) => {
    let loading = handlers.get(handler);
    if (!loading) {
      const file = pathToFileURL(join(options.functionsDir, `${handler}.ts`)).href;
      loading = import(file).then((module: { handler: ProxyHandler }) => module.handler);
      handlers.set(handler, loading);
    }
    return loading;
  };

  const server = createServer((request, response) => {
    if (options.onResponse) {
      const started = performance.now();
      const path = (request.url ?? '/').split('?')[0]!;
      response.once('finish', () => options.onResponse!({ method: request.method ?? 'GET', path, status: response.statusCode, ms: performance.now() - started }));
    }
    serve(request, response, load, options.consoleDir).catch((error: unknown) => {
      console.error('Local API adapter failed', error);
      if (!response.headersSent) writeGatewayError(response, 502, 'BAD_GATEWAY', 'The function failed to respond');
      else response.destroy();
    });
  });
  // Let a slow client never hold the whole local stack.
  server.requestTimeout = 30_000;
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => answerUnparsedRequest(error, socket));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', resolve);
  });
  const { port } = server.address() as { port: number };
  return {
    url: `http://localhost:${port}`,
    port,
    server,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function serve(request: IncomingMessage, response: ServerResponse, load: (handler: string) => Promise<ProxyHandler>, consoleDir?: string) {
  if (consoleDir) {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (isConsoleRequest(request.method ?? 'GET', path)) {
      serveConsoleFile(consoleDir, path, request, response);
      return;
    }
  }
  const body = await readBody(request, GATEWAY_MAX_BODY_BYTES);
  if (body === null) {
    writeGatewayError(response, 413, 'PAYLOAD_TOO_LARGE', `The request body must be at most ${GATEWAY_MAX_BODY_BYTES} bytes`);
    return;
  }
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  const match = matchRoute(request.method ?? 'GET', path);
  const [handlerName, event] =
    match.kind === 'route'
      ? [match.route.handler, toProxyEvent(request, body, { resource: match.route.path, pathParameters: match.pathParameters })]
      : [FALLBACK_HANDLER, toProxyEvent(request, body, { resource: '/{proxy+}', pathParameters: { proxy: path.slice(1) } })];
  const handler = await load(handlerName);
  const result = await handler(event, lambdaContext(handlerName.replace('/', '-'), FUNCTION_TIMEOUT_MS));
  writeProxyResult(response, result);
}

/** The body, or null once it passes `limit` (the rest is not read). */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > limit) {
      request.resume();
      resolve(null);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.removeAllListeners('data');
        request.resume();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** Errors the gateway itself answers, in the API's error shape with a request id (the CDK stack sets the same). */
function writeGatewayError(response: ServerResponse, status: number, code: string, message: string) {
  const requestId = randomUUID();
  response.statusCode = status;
  response.setHeader('content-type', 'application/json; charset=utf-8');
  response.setHeader('x-request-id', requestId);
  response.end(gatewayErrorBody(code, message, requestId));
}

const gatewayErrorBody = (code: string, message: string, requestId: string) => JSON.stringify({ error: { code, message, requestId } });

/**
 * A request Node could not parse never reaches a handler; Node's own answer is an empty 4xx.
 * Answer it like every other error instead: the API's error shape, naming what is wrong, with a
 * request id. Written on the socket, since there is no response object for such a request.
 */
function answerUnparsedRequest(error: NodeJS.ErrnoException, socket: Duplex) {
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const [status, code, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'REQUEST_HEADERS_TOO_LARGE', `The request headers must be at most ${maxHeaderSize} bytes in all`]
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'REQUEST_TIMEOUT', 'The request was not received in time']
        : [400, 'MALFORMED_REQUEST', 'The request is not valid HTTP/1.1'];
  const requestId = randomUUID();
  const body = gatewayErrorBody(code, message, requestId);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\n` +
      `x-request-id: ${requestId}\r\nconnection: close\r\n\r\n${body}`,
  );
}
