/**
 * `npm start`: the whole product locally. State lives under `.data/` (git-ignored), so a restart
 * keeps every tenant, user and contact; Ctrl-C stops every engine it started.
 */
import { ensureConsoleBuilt } from '@rapport/console';
import { resolve } from 'node:path';
import type { AnsweredRequest } from '../api-server';
import { LOCAL_IMPORT_QUEUE } from '../import-pipeline';
import { LOCAL_AUDIT_BUCKET, LOCAL_EXPORTS_BUCKET, LOCAL_IMPORT_BUCKET, startLocalStack } from '../local-stack';

const root = resolve(import.meta.dirname, '../../../..');
const port = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw new Error(`${name} must be a port number, not "${process.env[name]}"`);
  return value;
};

const apiPort = port('PORT', 3000);

/*
 * Logs for a person by default: one line per request, and the handlers' own (JSON, as Lambda
 * writes them to CloudWatch) only at warning and above. LOG_FORMAT=json keeps every handler line
 * at info, for tools that read them.
 */
const logFormat = process.env.LOG_FORMAT ?? 'pretty';
if (logFormat !== 'pretty' && logFormat !== 'json') throw new Error(`LOG_FORMAT must be pretty or json, not "${logFormat}"`);
if (logFormat === 'pretty') process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
const printRequest = ({ method, path, status, ms }: AnsweredRequest) => {
  if (!path.startsWith('/v1/')) return;
  const time = new Date().toISOString().slice(11, 19);
  console.log(`${time}  ${method.padEnd(6)} ${path}  ${status}  ${Math.round(ms)} ms`);
};
if (apiPort) console.log(`Rapport is starting at http://localhost:${apiPort}/ (web console, and the API under /v1)…`);
const consoleBuild = await ensureConsoleBuilt({ log: (line) => console.log(line) });
const stack = await startLocalStack({
  dataDir: resolve(root, process.env.RAPPORT_DATA_DIR ?? '.data'),
  apiPort,
  enginePorts: {
    dynamodb: port('DYNAMODB_PORT', 8000),
    cognito: port('COGNITO_PORT', 9229),
    s3: port('S3_PORT', 4569),
  },
  functionsDir: resolve(root, 'functions'),
  consoleDir: consoleBuild.dir,
  ...(logFormat === 'pretty' ? { onResponse: printRequest } : {}),
});

console.log(`
Rapport is running locally: open ${stack.api.url}/ in your browser.

  Web console      ${stack.api.url}/
  REST API         ${stack.api.url}        try: curl ${stack.api.url}/v1/me
  DynamoDB Local   ${stack.engines.dynamodb.endpoint}   table ${stack.tableName}
  cognito-local    ${stack.engines.cognito.endpoint}   user pool ${stack.pool.userPoolId}, client ${stack.pool.clientId}
  S3 (s3rver)      ${stack.engines.s3.endpoint}   buckets ${LOCAL_AUDIT_BUCKET}, ${LOCAL_IMPORT_BUCKET}, ${LOCAL_EXPORTS_BUCKET}
  SQS (imports)    ${stack.queue.endpoint}   queue ${LOCAL_IMPORT_QUEUE} → the import worker
  Data             ${resolve(root, process.env.RAPPORT_DATA_DIR ?? '.data')}
  Webhooks         delivered from an in-process event bus; locally http://127.0.0.1 and localhost receivers are allowed

Logs: a line per API request, handlers' warnings and errors (LOG_FORMAT=json: every handler log line).
Press Ctrl-C to stop.
`);

let stopping = false;
const shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal} received: stopping the local stack...`);
  stack.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
