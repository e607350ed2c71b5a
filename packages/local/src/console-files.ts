import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The headers CloudFront adds to the console in AWS, so a page that breaks them breaks here first:
 * scripts and connections only from this origin (the API is same-origin), no framing. Mantine sets
 * CSS variables in a style element, hence 'unsafe-inline' for styles only.
 */
export const CONSOLE_SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
};

/** Whether a request is the console's rather than the API's: a GET or HEAD outside `/v1`. */
export function isConsoleRequest(method: string, path: string): boolean {
  return (method === 'GET' || method === 'HEAD') && path !== '/v1' && !path.startsWith('/v1/');
}

/**
 * Serves the built console: a file of the build when one matches the path, otherwise index.html,
 * so every screen's address (e.g. `/accept-invite?token=…` from an invitation mail) opens the app.
 * Hashed assets are cached for good; index.html never is, so a new build is seen at once.
 */
export function serveConsoleFile(dir: string, path: string, request: IncomingMessage, response: ServerResponse): void {
  const wanted = normalize(join(dir, decodeURIComponent(path)));
  const isFile = wanted.startsWith(dir + sep) && existsSync(wanted) && statSync(wanted).isFile();
  const file = isFile ? wanted : join(dir, 'index.html');
  if (!existsSync(file)) {
    response.statusCode = 503;
    response.setHeader('content-type', 'text/plain; charset=utf-8');
    response.end('The web console is not built: run npm start again, or npm run build -w @rapport/console.');
    return;
  }
  response.statusCode = 200;
  response.setHeader('content-type', CONTENT_TYPES[extname(file)] ?? 'application/octet-stream');
  response.setHeader('cache-control', isFile && path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
  for (const [name, value] of Object.entries(CONSOLE_SECURITY_HEADERS)) response.setHeader(name, value);
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  createReadStream(file).pipe(response);
}
