import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '@rapport/data';
import {
  runImportChunk,
  type ImportChunkMessage,
  type ImportRowWriter,
  type ImportWorkerDeps,
} from '@rapport/domain';
import { describe, expect, it } from 'vitest';
import { mappedContactImport, useImportWorkerEngines } from '../support/import-worker';
import { auditEventsInTable } from '../support/audit-items';

/**
 * The import worker against DynamoDB Local and s3rver, driven message by message, with crashes
 * injected between and inside chunks: every valid row is written exactly once, and the counts
 * come out as if nothing had happened.
 */
const engines = useImportWorkerEngines();

/** 30 rows; row 8 has a line break inside quotes, so a chunk boundary (every 7 rows) falls next to it; row 12 is invalid. */
function csv(): string {
  const lines = ['First Name,Email,Notes'];
  for (let i = 1; i <= 30; i++) lines.push(`Person${i},${i === 12 ? 'broken' : `p${i}@example.com`},${i === 8 ? '"two\r\nlines, quoted"' : 'ok'}`);
  return `${lines.join('\r\n')}\r\n`;
}

/** A queue the test delivers from by hand. */
function manualQueue(failSends = 0) {
  const messages: ImportChunkMessage[] = [];
  let failures = failSends;
  return {
    messages,
    send: async (message: ImportChunkMessage) => {
      if (failures-- > 0) throw new Error('injected: crashed before the next chunk was queued');
      messages.push(message);
    },
  };
}

async function setUp(options: { failSends?: number; crashAfterBatches?: number[] } = {}) {
  const queue = manualQueue(options.failSends);
  const crashes = new Set(options.crashAfterBatches ?? []);
  let written = 0;
  // Crashes right after the nth batch transaction succeeded: its rows and checkpoint are in, the worker dies.
  const crashingRows = (rows: ImportRowWriter): ImportRowWriter => ({
    maxRowsPerBatch: (entity) => rows.maxRowsPerBatch(entity),
    claimed: (entity, fingerprints) => rows.claimed(entity, fingerprints),
    writeBatch: async (entity, input) => {
      const conflict = await rows.writeBatch(entity, input);
      if (!conflict && crashes.delete(++written)) throw new Error('injected: crashed after a batch');
      return conflict;
    },
  });
  const setup = await mappedContactImport(engines, csv(), { queue, requestId: 'req-import', adapt: (deps) => ({ rows: crashingRows(deps.rows) }) });
  return { ...setup, queue };
}

/** Delivers messages until none is left, redelivering one whose handler threw (as SQS does). */
async function deliverAll(deps: ImportWorkerDeps, queue: ReturnType<typeof manualQueue>, first: ImportChunkMessage) {
  const outcomes: string[] = [];
  let crashes = 0;
  const pending = [first];
  for (let guard = 0; pending.length > 0 && guard < 50; guard++) {
    const message = pending[0]!;
    try {
      outcomes.push(await runImportChunk(deps, message));
      pending.shift();
    } catch {
      crashes += 1;
      continue;
    }
    pending.push(...queue.messages.splice(0));
  }
  return { outcomes, crashes };
}

async function contactsOf(tenantId: string) {
  const { Items = [] } = await engines.resources.documents.send(
    new QueryCommand({ TableName: engines.resources.tableName, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :listing', ExpressionAttributeValues: { ':listing': keys.contactListing(tenantId).gsi1pk } }),
  );
  return Items;
}

async function committed(setup: Awaited<ReturnType<typeof setUp>>): Promise<ImportChunkMessage> {
  // Commit sends the first message through the same queue (which may be told to fail later sends only).
  await setup.imports.commit(setup.importId);
  return setup.queue.messages.shift()!;
}

describe('the import worker', () => {
  it('imports in chunks of 7 rows, each chunk queueing the next, the last one completing the job', async () => {
    const setup = await setUp();
    const first = await committed(setup);

    const { outcomes, crashes } = await deliverAll(setup.deps, setup.queue, first);

    // 30 rows / 7: four full chunks, then one with the last 2 rows that completes.
    expect(outcomes).toEqual(['continued', 'continued', 'continued', 'continued', 'completed']);
    expect(crashes).toBe(0);
    const job = await setup.imports.get(setup.importId);
    expect(job.progress).toEqual({ processedRows: 30, totalRows: 30, created: 29, skipped: 0, failed: 1 });
    expect(job.errors).toEqual([{ row: 12, field: 'email', message: 'must be a valid email address' }]);
    expect(await contactsOf(setup.tenantId)).toHaveLength(29);
  });

  it('resumes after a crash right after a batch was written, writing nothing twice', async () => {
    const setup = await setUp({ crashAfterBatches: [2, 4] });
    const first = await committed(setup);

    const { crashes } = await deliverAll(setup.deps, setup.queue, first);

    expect(crashes).toBe(2);
    const job = await setup.imports.get(setup.importId);
    expect(job.status).toBe('completed');
    // The crashed batches' rows were written with claims naming this import and row: the redelivered chunk counts them, and writes them not again.
    expect(job.progress).toEqual({ processedRows: 30, totalRows: 30, created: 29, skipped: 0, failed: 1 });
    const stored = await contactsOf(setup.tenantId);
    expect(stored).toHaveLength(29);
    expect(new Set(stored.map((item) => item.firstName)).size).toBe(29);
    const notes = await setup.deps.contacts.get(String(stored.find((item) => item.firstName === 'Person8')!.id));
    expect(await setup.deps.cipher.decrypt({ itemKey: `contact#${notes!.id}`, field: 'notes' }, notes!.notes!)).toBe('two\r\nlines, quoted');
    const events = await auditEventsInTable(engines.resources.documents, engines.resources.tableName, setup.tenantId);
    expect(events.filter((event) => event.action === 'contacts.imported').flatMap((event) => event.targetIds)).toHaveLength(29);
  });

  it('resumes when the worker died before queueing the next chunk (the message comes back)', async () => {
    const setup = await setUp();
    const first = await committed(setup);
    // Fails the next two sends: the chunks' own "queue the next one" steps.
    let failures = 2;
    const send = setup.queue.send;
    setup.queue.send = async (message) => {
      if (failures-- > 0) throw new Error('injected: crashed before queueing the next chunk');
      await send(message);
    };
    setup.deps.queue = setup.queue;

    const { crashes } = await deliverAll(setup.deps, setup.queue, first);

    expect(crashes).toBe(2);
    const job = await setup.imports.get(setup.importId);
    expect(job.progress).toEqual({ processedRows: 30, totalRows: 30, created: 29, skipped: 0, failed: 1 });
    expect(await contactsOf(setup.tenantId)).toHaveLength(29);
  });

  it('resumes a job whose message was lost when it is committed again', async () => {
    const setup = await setUp();
    const first = await committed(setup);
    await runImportChunk(setup.deps, first);
    // The next chunk's message is lost (a dead letter, a local restart).
    setup.queue.messages.splice(0);

    await setup.imports.commit(setup.importId);
    await deliverAll(setup.deps, setup.queue, setup.queue.messages.shift()!);

    const job = await setup.imports.get(setup.importId);
    expect(job.status).toBe('completed');
    expect(job.progress).toEqual({ processedRows: 30, totalRows: 30, created: 29, skipped: 0, failed: 1 });
    expect(await contactsOf(setup.tenantId)).toHaveLength(29);
  });

  it('lets only one of two deliveries of the same message write a chunk; the other stops', async () => {
    const setup = await setUp();
    const first = await committed(setup);
    // The tenant's first data key exists before the race: two first uses at once are the keyring's own concern.
    await setup.deps.cipher.blindIndex('email', 'warm-up@example.com');

    const outcomes = await Promise.all([runImportChunk(setup.deps, first), runImportChunk(setup.deps, first)]);
    await deliverAll(setup.deps, setup.queue, setup.queue.messages.shift()!);

    expect(outcomes.sort()).toEqual(['continued', 'stale']);
    const job = await setup.imports.get(setup.importId);
    expect(job.progress).toEqual({ processedRows: 30, totalRows: 30, created: 29, skipped: 0, failed: 1 });
    expect(await contactsOf(setup.tenantId)).toHaveLength(29);
  });
});
