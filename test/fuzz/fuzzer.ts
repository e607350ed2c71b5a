import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_PIPELINE_ID } from '@rapport/domain';
import { buildOpenApiDocument } from '@rapport/http';
import fc from 'fast-check';
import { checkResponse } from '../support/contract-check';
import type { RecordedWrite } from '../support/dynamodb-write-recorder';
import type { TestApi } from '../support/test-stack';
import { idNameOf, operationsOf, requestArbitrary, type Caller, type FuzzRequest, type Operation } from './operations';
import type { Hints } from './schema-arbitraries';

/** What the fuzzer needs of the running stack and the seeded workspace. */
export interface FuzzTarget {
  stack: TestApi;
  writes: () => { writes: RecordedWrite[]; clear: () => void };
  /** The credentials of each caller; `refresh` is called when the member's session was ended by a logout. */
  credentials: { owner: string; member: string; ingestKey: string; refreshMember: () => Promise<string> };
  /** Known ids by hint name (`contactId`, `stageId`, `cursor`…), grown from the answers as the run goes. */
  ids: Map<string, Set<string>>;
  urls: string[];
}

export interface Failure {
  seed: number;
  index: number;
  request: FuzzRequest;
  status: number;
  problem: string;
  body: string;
}

export interface OperationStats {
  operation: string;
  requests: number;
  valid: number;
  statuses: Record<string, number>;
  serverErrors: number;
  writesOn4xx: number;
  contractViolations: number;
  /** Time spent drawing, sending and checking this operation's requests. */
  durationMs: number;
}

export interface FuzzResult {
  seed: number;
  requests: number;
  durationMs: number;
  /** Of which drawing the requests (the rest is the API answering and the checks). */
  generationMs: number;
  operations: OperationStats[];
  failures: Failure[];
}

/** The operations whose successful answer starts work on the queue (which writes after the answer). */
const QUEUES_WORK = new Set(['dryRunImport', 'commitImport', 'recomputeInsights']);

/**
 * Drives every operation of the OpenAPI document `runs` times in a seeded order, one request at a
 * time (so each write the recorder sees belongs to the request in flight), and checks each answer:
 * no 5xx, a status the operation documents with a body its schema accepts, and no write on a 4xx
 * other than the audit event of the refusal itself (a denied or failed attempt is audited) and the
 * count of failed log-ins.
 */
export async function fuzz(target: FuzzTarget, options: { seed: number; runs: number; onProgress?: (done: number) => void }): Promise<FuzzResult> {
  const document = buildOpenApiDocument();
  const operations = operationsOf(document);
  const hints: Hints = {
    // A stage keeps its place in a pipeline's new order by its `id`.
    idsFor: (name) => [...(target.ids.get(name === 'id' ? 'stageId' : name) ?? [])],
    urls: target.urls,
  };
  const stats = new Map(operations.map((operation) => [operation.id, { operation: operation.id, requests: 0, valid: 0, statuses: {}, serverErrors: 0, writesOn4xx: 0, contractViolations: 0, durationMs: 0 } as OperationStats]));
  const failures: Failure[] = [];
  // Built once per operation: the ids they draw from are read at each draw.
  const arbitraries = new Map(operations.map((operation) => [operation.id, requestArbitrary(document, operation, hints)]));
  // Every operation gets the same share, in an order drawn from the seed.
  const order = fc.sample(fc.shuffledSubarray(Array.from({ length: options.runs }, (_, index) => index % operations.length), { minLength: options.runs, maxLength: options.runs }), { seed: options.seed, numRuns: 1 })[0]!;
  const started = performance.now();
  let memberToken = target.credentials.member;
  let memberSignedOut = 0;
  let generationMs = 0;

  for (const [index, operationIndex] of order.entries()) {
    const operation = operations[operationIndex]!;
    const requestStarted = performance.now();
    // Each request is drawn from its own seed, so the failing one can be drawn again alone.
    const request = fc.sample(arbitraries.get(operation.id)!, { seed: options.seed + index, numRuns: 1 })[0]!;
    generationMs += performance.now() - requestStarted;
    if (request.caller === 'member' && memberSignedOut && Date.now() - memberSignedOut > 1_100) {
      // A session from the second of a logout counts as signed out: log in again a second later.
      memberToken = await target.credentials.refreshMember();
      memberSignedOut = 0;
    }
    const headers = { ...request.headers, ...authorization(request.caller, { ...target.credentials, member: memberToken }) };
    target.writes().clear();
    const response = await fetch(`${target.stack.url}${request.path}`, { method: request.method, headers, ...(request.body === undefined ? {} : { body: request.body }) });
    const text = await response.text();
    const writes = [...target.writes().writes];
    const entry = stats.get(operation.id)!;
    entry.requests += 1;
    if (request.valid) entry.valid += 1;
    entry.statuses[response.status] = (entry.statuses[response.status] ?? 0) + 1;
    const fail = (problem: string) => failures.push({ seed: options.seed, index, request: redact(request), status: response.status, problem, body: text.slice(0, 1_000) });

    let body: unknown;
    try {
      body = text && response.headers.get('content-type')?.startsWith('application/json') ? JSON.parse(text) : text || undefined;
    } catch {
      fail('the body is not the JSON its content type says');
    }
    if (response.status >= 500) {
      entry.serverErrors += 1;
      fail(`a ${response.status}`);
    }
    try {
      checkResponse(request.method, response.url, response.status, response.headers, body);
    } catch (error) {
      entry.contractViolations += 1;
      fail((error as Error).message.split('\n')[0]!);
    }
    if (response.status >= 400 && response.status < 500) {
      const unexpected = await unexpectedWrites(target, operation, writes);
      if (unexpected.length > 0) {
        entry.writesOn4xx += 1;
        fail(`wrote on a ${response.status}: ${unexpected.map((key) => `${key.pk} ${key.sk}`).join('; ')}`);
      }
    }
    if (response.status < 300) {
      learn(target.ids, operation, request, body);
      if (QUEUES_WORK.has(operation.id)) await target.stack.queue.drain();
    }
    if (operation.id === 'logout' && response.status === 204) memberSignedOut = Date.now();
    entry.durationMs += performance.now() - requestStarted;
    options.onProgress?.(index + 1);
  }
  return { seed: options.seed, requests: order.length, durationMs: Math.round(performance.now() - started), generationMs: Math.round(generationMs), operations: [...stats.values()], failures };
}

function authorization(caller: Caller, credentials: FuzzTarget['credentials']): Record<string, string> {
  switch (caller) {
    case 'owner':
      return { authorization: `Bearer ${credentials.owner}` };
    case 'member':
      return { authorization: `Bearer ${credentials.member}` };
    case 'ingest-key':
      return { 'x-ingest-key': credentials.ingestKey };
    case 'garbage-token':
      return { authorization: 'Bearer not.a.token' };
    case 'tampered-token': {
      // The owner's token with its payload changed by one character: the signature no longer fits.
      const [header, payload, signature] = credentials.owner.split('.');
      return { authorization: `Bearer ${header}.${payload!.slice(0, -2)}${payload!.at(-2) === 'A' ? 'B' : 'A'}${payload!.at(-1)}.${signature}` };
    }
    case 'none':
      return {};
  }
}

/** A request as the report prints it: bodies cut to a readable length. */
function redact(request: FuzzRequest): FuzzRequest {
  return { ...request, ...(request.body === undefined ? {} : { body: request.body.length > 2_000 ? `${request.body.slice(0, 2_000)}… (${request.body.length} characters)` : request.body }) };
}

/**
 * The writes of a refused request that are not the record of the refusal. Expected: an audit
 * event whose outcome is a failure or a denial, the count of failed log-ins, and the default
 * pipeline, which any route that reads pipelines makes on the workspace's first use (documented,
 * audited as `pipeline.created`), before it looks at the request's other inputs.
 */
async function unexpectedWrites(target: FuzzTarget, operation: Operation, writes: RecordedWrite[]) {
  const unexpected = [];
  const defaultPipeline = `#PIPELINE#${DEFAULT_PIPELINE_ID}`;
  for (const key of writes.filter((write) => write.succeeded !== false).flatMap((write) => write.keys)) {
    if (operation.id === 'login' && key.pk.startsWith('LOGIN#')) continue;
    if (key.pk.includes(defaultPipeline)) continue;
    if (key.pk.endsWith('#AUDIT') && key.sk.startsWith('EVENT#')) {
      const { Item } = await target.stack.documents.send(new GetCommand({ TableName: target.stack.tableName, Key: { pk: key.pk, sk: key.sk } }));
      if (Item && (Item.outcome === 'failure' || Item.outcome === 'denied')) continue;
      if (Item?.action === 'pipeline.created' && Item.target?.id === DEFAULT_PIPELINE_ID) continue;
    }
    unexpected.push(key);
  }
  return unexpected;
}

/** Keeps the ids and cursors an answer names, so later requests name records that exist. */
function learn(ids: Map<string, Set<string>>, operation: Operation, request: FuzzRequest, body: unknown) {
  if (!body || typeof body !== 'object') return;
  const add = (name: string, value: unknown) => {
    if (typeof value !== 'string' || value.length > 200) return;
    let known = ids.get(name);
    if (!known) ids.set(name, (known = new Set()));
    // Bounded, so a long run keeps drawing the seeded records too.
    if (known.size < 40) known.add(value);
  };
  const record = body as Record<string, unknown>;
  if (request.method === 'POST' && operation.path.split('/').length === 3 && typeof record.id === 'string') add(idNameOf(operation.path), record.id);
  if (typeof record.nextCursor === 'string') add('cursor', record.nextCursor);
  if (typeof record.mergeId === 'string') add('mergeId', record.mergeId);
  if (Array.isArray(record.stages)) for (const stage of record.stages) add('stageId', (stage as { id?: unknown }).id);
}
