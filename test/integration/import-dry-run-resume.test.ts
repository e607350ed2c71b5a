import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '@rapport/data';
import {
  ImportNotReadyError,
  runImportChunk,
  type ImportChunkMessage,
  type ImportJobRepository,
  type ImportWorkerDeps,
} from '@rapport/domain';
import { describe, expect, it } from 'vitest';
import { mappedContactImport, useImportWorkerEngines } from '../support/import-worker';

/**
 * The dry run on the import worker against DynamoDB Local and s3rver, chunk by chunk (7 rows),
 * with crashes injected before and after a chunk's checkpoint: the report comes out exactly as
 * without them, within-file duplicates are found across chunks, and no record is written.
 */
const engines = useImportWorkerEngines();

/**
 * 30 rows: row 12 has a bad email; rows 9 and 10 (chunk 2) repeat row 2's email (chunk 1); row 20
 * (chunk 3) repeats row 3's phone; row 8 has a line break inside quotes.
 */
function csv(): string {
  const lines = ['First Name,Email,Phone,Notes'];
  for (let i = 1; i <= 30; i++) {
    const email = i === 12 ? 'broken' : i === 9 || i === 10 ? 'p2@example.com' : `p${i}@example.com`;
    const phone = `+44 20 7946 ${String(i === 20 ? 3 : i).padStart(4, '0')}`;
    lines.push(`Person${i},${email},${phone},${i === 8 ? '"two\r\nlines, quoted"' : 'ok'}`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

const EXPECTED_REPORT = {
  totalRows: 30,
  valid: 29,
  invalid: 1,
  alreadyImported: 0,
  errors: [{ row: 12, field: 'email', message: 'must be a valid email address' }],
  errorCount: 1,
  duplicates: [
    { row: 9, field: 'email', duplicateOfRow: 2 },
    { row: 10, field: 'email', duplicateOfRow: 2 },
    { row: 20, field: 'phone', duplicateOfRow: 3 },
  ],
  duplicateCount: 3,
};

/** Crashes on the given calls of `replace` (the dry run's checkpoint writes), before or after the write went in. */
function crashingJobs(jobs: ImportJobRepository, crashes: { before?: number[]; after?: number[] }): ImportJobRepository {
  let calls = 0;
  const before = new Set(crashes.before ?? []);
  const after = new Set(crashes.after ?? []);
  return {
    create: (job, audit) => jobs.create(job, audit),
    get: (id) => jobs.get(id),
    claimSeenValue: (id, claim) => jobs.claimSeenValue(id, claim),
    claimSeenPerson: (id, claim) => jobs.claimSeenPerson(id, claim),
    chunkDone: (id, index) => jobs.chunkDone(id, index),
    completeChunk: (id, result) => jobs.completeChunk(id, result),
    chunkErrors: (id) => jobs.chunkErrors(id),
    replace: async (next, expectedVersion, audit) => {
      calls += 1;
      if (before.delete(calls)) throw new Error('injected: crashed before the checkpoint (the chunk’s claims are in)');
      await jobs.replace(next, expectedVersion, audit);
      if (after.delete(calls)) throw new Error('injected: crashed after the checkpoint, before the next chunk was queued');
    },
  };
}

async function setUp(crashes: { before?: number[]; after?: number[] } = {}) {
  const messages: ImportChunkMessage[] = [];
  // The service's own writes go through unharmed; only the worker's checkpoints crash.
  const setup = await mappedContactImport(engines, csv(), {
    queue: { send: async (message) => void messages.push(message) },
    requestId: 'req-dry-run',
    adapt: (deps) => ({ jobs: crashingJobs(deps.jobs, crashes) }),
  });
  return { ...setup, messages };
}

/** Delivers messages until none is left, redelivering one whose handler threw (as SQS does). */
async function deliverAll(deps: ImportWorkerDeps, messages: ImportChunkMessage[]) {
  const outcomes: string[] = [];
  let crashes = 0;
  const pending = messages.splice(0);
  for (let guard = 0; pending.length > 0 && guard < 50; guard++) {
    try {
      outcomes.push(await runImportChunk(deps, pending[0]!));
      pending.shift();
    } catch {
      crashes += 1;
      continue;
    }
    pending.push(...messages.splice(0));
  }
  return { outcomes, crashes };
}

async function contactsOf(tenantId: string) {
  const { Items = [] } = await engines.resources.documents.send(
    new QueryCommand({ TableName: engines.resources.tableName, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :listing', ExpressionAttributeValues: { ':listing': keys.contactListing(tenantId).gsi1pk } }),
  );
  return Items;
}

describe('the dry run on the import worker', () => {
  it('validates in chunks of 7 rows, finding duplicates across chunks, and writes no record', async () => {
    const setup = await setUp();
    const started = await setup.imports.dryRun(setup.importId);
    expect(started.status).toBe('validating');
    expect(setup.messages).toEqual([{ tenantId: setup.tenantId, importId: setup.importId, mode: 'dry-run' }]);
    // Not while validating: neither the import nor a new mapping.
    await expect(setup.imports.commit(setup.importId)).rejects.toBeInstanceOf(ImportNotReadyError);
    await expect(setup.imports.setMapping(setup.importId, { columns: {} })).rejects.toBeInstanceOf(ImportNotReadyError);

    const { outcomes, crashes } = await deliverAll(setup.deps, setup.messages);

    expect(outcomes).toEqual(['continued', 'continued', 'continued', 'continued', 'completed']);
    expect(crashes).toBe(0);
    const job = await setup.imports.get(setup.importId);
    expect(job.status).toBe('validated');
    expect(job.dryRun).toEqual(EXPECTED_REPORT);
    expect(job.progress).toEqual({ processedRows: 0, totalRows: 30, created: 0, skipped: 0, failed: 0 });
    expect(await contactsOf(setup.tenantId)).toHaveLength(0);
    // The seen values are stored by blind index only.
    const { Items = [] } = await engines.resources.documents.send(
      new QueryCommand({ TableName: engines.resources.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.importJob(setup.tenantId, setup.importId).pk } }),
    );
    expect(Items.filter((item) => String(item.sk).startsWith('SEEN#'))).toHaveLength(29 - 2 + 29 - 1);
    expect(JSON.stringify(Items.filter((item) => String(item.sk).startsWith('SEEN#')))).not.toMatch(/example\.com|7946/);
  });

  it('counts exactly after crashes before and after chunks’ checkpoints', async () => {
    // Call 2 (chunk 2, whose rows 9 and 10 repeat row 2) and 4 (chunk 3, row 20) crash with their claims in but no checkpoint;
    // call 6 crashes after chunk 4's checkpoint went in, before it queued chunk 5.
    const setup = await setUp({ before: [2, 4], after: [6] });
    await setup.imports.dryRun(setup.importId);

    const { crashes } = await deliverAll(setup.deps, setup.messages);

    expect(crashes).toBe(3);
    const job = await setup.imports.get(setup.importId);
    expect(job.status).toBe('validated');
    expect(job.dryRun).toEqual(EXPECTED_REPORT);
    expect(await contactsOf(setup.tenantId)).toHaveLength(0);
  });

  it('lets only one of two deliveries of the same message count a chunk; the other stops', async () => {
    const setup = await setUp();
    await setup.imports.dryRun(setup.importId);
    const first = setup.messages.shift()!;
    await setup.deps.cipher.blindIndex('email', 'warm-up@example.com');

    const outcomes = await Promise.all([runImportChunk(setup.deps, first), runImportChunk(setup.deps, first)]);
    await deliverAll(setup.deps, setup.messages);

    expect(outcomes.sort()).toEqual(['continued', 'stale']);
    expect((await setup.imports.get(setup.importId)).dryRun).toEqual(EXPECTED_REPORT);
  });

  it('starts a fresh report when run again after a remapping, and the import then runs from the first row', async () => {
    const setup = await setUp();
    await setup.imports.dryRun(setup.importId);
    await deliverAll(setup.deps, setup.messages);
    const preview = await setup.imports.preview(setup.importId);
    await setup.imports.setMapping(setup.importId, { columns: preview.suggestedMapping });
    expect((await setup.imports.get(setup.importId)).dryRun).toBeUndefined();

    await setup.imports.dryRun(setup.importId);
    await deliverAll(setup.deps, setup.messages);
    expect((await setup.imports.get(setup.importId)).dryRun).toEqual(EXPECTED_REPORT);

    await setup.imports.commit(setup.importId);
    await deliverAll(setup.deps, setup.messages);
    const job = await setup.imports.get(setup.importId);
    expect(job.progress).toEqual({ processedRows: 30, totalRows: 30, created: 29, skipped: 0, failed: 1 });
  });
});
