import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '@rapport/data';
import { runImportChunk, type ChunkOutcome, type ImportChunkMessage, type ImportJobRepository, type ImportRowWriter, type ImportWorkerDeps } from '@rapport/domain';
import { describe, expect, it } from 'vitest';
import { auditEventsInTable } from '../support/audit-items';
import { mappedContactImport, useImportWorkerEngines } from '../support/import-worker';

/**
 * The import worker writes a chunk's batch transactions in parallel, against DynamoDB Local and
 * s3rver: transactions completing out of order, and a chunk interrupted while some of its batches
 * are in and others are not, still give every valid row exactly once and exact counts.
 */
const engines = useImportWorkerEngines();

const ROWS = 30;
/** Row 12 is invalid; row 20 repeats row 3 exactly (a different chunk when chunks are 12 rows), so it is skipped. */
function csv(): string {
  const lines = ['First Name,Email,Notes'];
  for (let i = 1; i <= ROWS; i++) {
    if (i === 20) lines.push('Person3,p3@example.com,ok');
    else lines.push(`Person${i},${i === 12 ? 'broken' : `p${i}@example.com`},ok`);
  }
  return `${lines.join('\r\n')}\r\n`;
}
const EXPECTED_PROGRESS = { processedRows: ROWS, totalRows: ROWS, created: 28, skipped: 1, failed: 1 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Faults {
  /** Waits before the nth batch (1-based, in the order the worker starts them) is written. */
  delayMs?: (n: number) => number;
  /** Batches that die after their transaction committed. */
  crashAfter?: number[];
  /** Batches that die before writing anything. */
  crashBefore?: number[];
  /** Waits before a batch is written, by its first row. */
  delayForRow?: (row: number) => number;
  /** The batches holding these rows die right after committing (once each). */
  crashAfterRows?: number[];
  /**
   * Holds a batch back until what it returns settles, by its first row; `chunkDone(i)` settles once
   * chunk i is recorded as done. Orders chunks by events, not by sleeps a loaded machine can outrun.
   */
  gateForRow?: (row: number, chunkDone: (index: number) => Promise<void>) => Promise<void> | undefined;
}

/** A contacts import of {@link csv} in 12-row chunks and 3-row batches, with faults injected into its row writer. */
async function setUp(faults: Faults = {}, chunkRows = 12) {
  const messages: ImportChunkMessage[] = [];
  const queue = { send: async (message: ImportChunkMessage) => void messages.push(message) };
  const crashAfter = new Set(faults.crashAfter ?? []);
  const crashBefore = new Set(faults.crashBefore ?? []);
  const crashAfterRows = new Set(faults.crashAfterRows ?? []);
  const committedRows: number[][] = [];
  /** Chunks in the order they were recorded as done. */
  const chunksDone: number[] = [];
  let started = 0;
  const doneSignals = new Map<number, { promise: Promise<void>; resolve: () => void }>();
  const signalOf = (index: number) => {
    let signal = doneSignals.get(index);
    if (!signal) {
      let resolve!: () => void;
      const promise = new Promise<void>((settle) => (resolve = settle));
      signal = { promise, resolve };
      doneSignals.set(index, signal);
    }
    return signal;
  };
  const faulty = (rows: ImportRowWriter): ImportRowWriter => ({
    maxRowsPerBatch: () => 3,
    claimed: (entity, fingerprints) => rows.claimed(entity, fingerprints),
    writeBatch: async (entity, input) => {
      const n = ++started;
      await sleep((faults.delayMs?.(n) ?? 0) + (faults.delayForRow?.(input.records[0]!.row) ?? 0));
      await faults.gateForRow?.(input.records[0]!.row, (index) => signalOf(index).promise);
      if (crashBefore.delete(n)) throw new Error('injected: died before the batch was written');
      const conflict = await rows.writeBatch(entity, input);
      if (!conflict) committedRows.push(input.records.map((record) => record.row));
      if (!conflict && crashAfter.delete(n)) throw new Error('injected: died after the batch was written');
      const crashRow = input.records.find((record) => crashAfterRows.has(record.row));
      if (!conflict && crashRow && crashAfterRows.delete(crashRow.row)) throw new Error('injected: died after the batch was written');
      return conflict;
    },
  });
  const recording = (jobs: ImportJobRepository): ImportJobRepository => ({
    create: (job, audit) => jobs.create(job, audit),
    get: (id) => jobs.get(id),
    replace: (next, expectedVersion, audit) => jobs.replace(next, expectedVersion, audit),
    claimSeenValue: (id, claim) => jobs.claimSeenValue(id, claim),
    claimSeenPerson: (id, claim) => jobs.claimSeenPerson(id, claim),
    chunkDone: (id, index) => jobs.chunkDone(id, index),
    chunkErrors: (id) => jobs.chunkErrors(id),
    completeChunk: async (id, result) => {
      const job = await jobs.completeChunk(id, result);
      if (job) {
        chunksDone.push(result.index);
        signalOf(result.index).resolve();
      }
      return job;
    },
  });
  const setup = await mappedContactImport(engines, csv(), {
    queue,
    requestId: 'req-parallel-import',
    adapt: (deps) => ({ rows: faulty(deps.rows), jobs: recording(deps.jobs), chunkRows, batchConcurrency: 4 }),
  });
  await setup.imports.commit(setup.importId);
  return { ...setup, messages, committedRows, chunksDone, first: messages.shift()! };
}

/**
 * Delivers each message the worker queues at once, as a queue with many consumers does, while the
 * chunk that queued it is still writing; a delivery that throws is delivered again, unless `lose`
 * says its message is lost (a local stack's restart, a dead letter).
 */
async function deliverAtOnce(deps: ImportWorkerDeps, first: ImportChunkMessage, lose: (message: ImportChunkMessage) => boolean = () => false) {
  const outcomes: ChunkOutcome[] = [];
  let crashes = 0;
  const running = new Set<Promise<void>>();
  const deliver = (message: ImportChunkMessage) => {
    const delivery = (async () => {
      await sleep(0);
      try {
        outcomes.push(await runImportChunk(deps, message));
      } catch {
        crashes += 1;
        if (!lose(message)) deliver(message);
      }
    })();
    running.add(delivery);
    void delivery.then(() => running.delete(delivery));
  };
  deps.queue = { send: async (message) => deliver(message) };
  deliver(first);
  while (running.size > 0) await Promise.all([...running]);
  return { outcomes, crashes };
}

/** Delivers messages until none is left, delivering again one whose handler threw (as SQS does). */
async function deliverAll(deps: ImportWorkerDeps, messages: ImportChunkMessage[], first: ImportChunkMessage) {
  let crashes = 0;
  const pending = [first];
  for (let guard = 0; pending.length > 0 && guard < 50; guard++) {
    try {
      await runImportChunk(deps, pending[0]!);
      pending.shift();
    } catch {
      crashes += 1;
      continue;
    }
    pending.push(...messages.splice(0));
  }
  return crashes;
}

async function contactsOf(tenantId: string) {
  const { Items = [] } = await engines.resources.documents.send(
    new QueryCommand({
      TableName: engines.resources.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :listing',
      ExpressionAttributeValues: { ':listing': keys.contactListing(tenantId).gsi1pk },
    }),
  );
  return Items;
}

/** Every valid row once, and one audit event entry per created contact, naming exactly the stored contacts. */
async function expectExactlyOnce(tenantId: string) {
  const stored = await contactsOf(tenantId);
  expect(stored).toHaveLength(28);
  expect(new Set(stored.map((item) => item.firstName)).size).toBe(28);
  expect(stored.map((item) => item.firstName)).not.toContain('Person12');
  const events = await auditEventsInTable(engines.resources.documents, engines.resources.tableName, tenantId);
  const audited = events.filter((event) => event.action === 'contacts.imported').flatMap((event) => event.targetIds ?? []);
  expect(audited.sort()).toEqual(stored.map((item) => String(item.id)).sort());
}

describe('the import worker writing batches in parallel', () => {
  it('gives exactly the right rows and counts when a chunk’s transactions complete out of order', async () => {
    // Prepare: the later a batch starts, the sooner it commits.
    const setup = await setUp({ delayMs: (n) => Math.max(0, 4 - ((n - 1) % 4)) * 150 }, ROWS + 10);

    // Act
    const outcome = await runImportChunk(setup.deps, setup.first);

    // Assess
    expect(outcome).toBe('completed');
    const firstRows = setup.committedRows.map((rows) => rows[0]!);
    expect(firstRows).not.toEqual([...firstRows].sort((a, b) => a - b));
    const job = await setup.imports.get(setup.importId);
    expect(job.progress).toEqual(EXPECTED_PROGRESS);
    expect(job.errors).toEqual([{ row: 12, field: 'email', message: 'must be a valid email address' }]);
    await expectExactlyOnce(setup.tenantId);
  });

  it('resumes a chunk interrupted with some batches in and others not, without writing or counting a row twice', async () => {
    // Prepare: in the first chunk batch 2 dies before writing and batch 3 right after committing,
    // while batches 1 and 4 are in flight; in the second chunk batch 7 dies right after committing.
    const setup = await setUp({ delayMs: (n) => (n % 2) * 100, crashBefore: [2], crashAfter: [3, 7] });

    // Act
    const crashes = await deliverAll(setup.deps, setup.messages, setup.first);

    // Assess
    expect(crashes).toBe(2);
    const job = await setup.imports.get(setup.importId);
    expect(job.status).toBe('completed');
    expect(job.progress).toEqual(EXPECTED_PROGRESS);
    expect(job.errorCount).toBe(1);
    await expectExactlyOnce(setup.tenantId);
  });

  it('counts exactly when two deliveries of a chunk write its batches at once; one moves the job, the other stops', async () => {
    // Prepare
    const setup = await setUp({ delayMs: (n) => (n % 3) * 50 }, ROWS + 10);
    await setup.deps.cipher.blindIndex('email', 'warm-up@example.com');

    // Act
    const outcomes = await Promise.all([runImportChunk(setup.deps, setup.first), runImportChunk(setup.deps, setup.first)]);

    // Assess
    expect(outcomes.sort()).toEqual(['completed', 'stale']);
    const job = await setup.imports.get(setup.importId);
    expect(job.progress).toEqual(EXPECTED_PROGRESS);
    await expectExactlyOnce(setup.tenantId);
  });

  it('writes an import’s chunks at once and counts exactly when they complete out of order', async () => {
    // Prepare: 12-row chunks (rows 1–12, 13–24, 25–30); each chunk's batches wait until the next chunk is done.
    const setup = await setUp({ gateForRow: (row, chunkDone) => (row <= 12 ? chunkDone(1) : row <= 24 ? chunkDone(2) : undefined) });

    // Act
    const { outcomes, crashes } = await deliverAtOnce(setup.deps, setup.first);

    // Assess: the chunks were in flight together and were recorded last to first; the one recorded last completed the job.
    expect(crashes).toBe(0);
    expect(setup.chunksDone).toEqual([2, 1, 0]);
    expect(outcomes.filter((outcome) => outcome === 'completed')).toHaveLength(1);
    const job = await setup.imports.get(setup.importId);
    expect(job.status).toBe('completed');
    expect(job.progress).toEqual(EXPECTED_PROGRESS);
    expect(job.errorCount).toBe(1);
    expect(job.errors).toEqual([{ row: 12, field: 'email', message: 'must be a valid email address' }]);
    await expectExactlyOnce(setup.tenantId);
  });

  it('resumes an import whose middle chunk died with its message lost after later chunks were done, when it is committed again', async () => {
    // Prepare: the middle chunk (rows 13–24) dies right after its first batch committed, and its
    // message is lost; the first and last chunks finish. The job waits, running, with 2 of 3 chunks.
    const setup = await setUp({ delayForRow: (row) => (row <= 12 ? 200 : 0), crashAfterRows: [13] });
    const interrupted = await deliverAtOnce(setup.deps, setup.first, (message) => message.chunk?.index === 1);
    expect(interrupted.crashes).toBe(1);
    expect(setup.chunksDone.sort()).toEqual([0, 2]);
    const waiting = await setup.imports.get(setup.importId);
    expect(waiting.status).toBe('running');
    expect(waiting.progress.processedRows).toBe(18);

    // Act: the commit of a running job restarts the chain, which passes done chunks on.
    await setup.imports.commit(setup.importId);
    const resumed = await deliverAtOnce(setup.deps, setup.messages.shift()!);

    // Assess: the middle chunk's committed batch counts as created once, and nothing else is counted twice.
    expect(resumed.crashes).toBe(0);
    expect(setup.chunksDone).toEqual([0, 2, 1]);
    const job = await setup.imports.get(setup.importId);
    expect(job.status).toBe('completed');
    expect(job.progress).toEqual(EXPECTED_PROGRESS);
    expect(job.errors).toEqual([{ row: 12, field: 'email', message: 'must be a valid email address' }]);
    await expectExactlyOnce(setup.tenantId);
  });
});
