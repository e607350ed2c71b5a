import { Logger } from '@aws-lambda-powertools/logger';
import { Tracer } from '@aws-lambda-powertools/tracer';
import type { AnalyticsProjector, CompletenessProjector, SourceChange } from '@rapport/domain';
import type { Context, DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createProjectStreamHandler } from './project-stream-handler';

const context = { functionName: 'analytics-project-stream', awsRequestId: 'req', getRemainingTimeInMillis: () => 60_000 } as unknown as Context;

const record = (sequence: string, entity: string, eventName: 'INSERT' | 'MODIFY' | 'REMOVE' = 'INSERT', tenant = 'T1'): DynamoDBRecord => {
  const image = { pk: { S: `TENANT#${tenant}#CONTACT#C1` }, sk: { S: `TXN#${sequence}` }, entity: { S: entity }, contactId: { S: 'C1' } };
  return {
    eventName,
    dynamodb: {
      SequenceNumber: sequence,
      Keys: { pk: image.pk, sk: image.sk },
      ...(eventName === 'REMOVE' ? { OldImage: image } : { NewImage: image }),
    },
  } as DynamoDBRecord;
};

function runtime(
  project: (change: SourceChange) => Promise<unknown>,
  tenants: Record<string, boolean> = { T1: true },
  totals: (batch: string, changes: readonly SourceChange[]) => Promise<void> = async () => {},
) {
  const projected: SourceChange[] = [];
  const totalled: { batch: string; sequences: string[] }[] = [];
  const rt = {
    logger: new Logger({ logLevel: 'SILENT' }),
    tracer: new Tracer({ enabled: false }),
    projector: {
      project: async (change: SourceChange) => {
        projected.push(change);
        return project(change);
      },
    } as AnalyticsProjector,
    tenantExists: async (tenantId: string) => tenants[tenantId] ?? false,
    completeness: {
      project: async (batch: string, changes: readonly SourceChange[]) => {
        totalled.push({ batch, sequences: changes.map((change) => change.sequence) });
        await totals(batch, changes);
        return { applied: 1, redelivered: 0 };
      },
    } as CompletenessProjector,
  };
  return { handler: createProjectStreamHandler(rt), projected, totalled };
}

describe('the analytics stream handler', () => {
  it('projects the records the filter takes, in order, and skips the others', async () => {
    // Prepare
    const { handler, projected } = runtime(async () => 'applied');

    // Act
    const result = await handler({ Records: [record('1', 'transaction'), record('2', 'interaction'), record('3', 'contact', 'REMOVE')] }, context);

    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    expect(projected.map((change) => [change.sequence, change.newImage ? 'new' : 'old'])).toEqual([
      ['1', 'new'],
      ['3', 'old'],
    ]);
  });

  it('reports the failed record and every one after it, and projects nothing past it', async () => {
    // Prepare
    const { handler, projected } = runtime(async (change) => {
      if (change.sequence === '2') throw new Error('throttled');
      return 'applied';
    });

    // Act
    const result = await handler({ Records: [record('1', 'transaction'), record('2', 'transaction'), record('3', 'transaction')] }, context);

    // Assess
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: '2' }, { itemIdentifier: '3' }] });
    expect(projected.map((change) => change.sequence)).toEqual(['1', '2']);
  });

  it('skips the records of an offboarded tenant, asking once per batch', async () => {
    // Prepare
    const { handler, projected } = runtime(async () => 'applied', { T1: true, T2: false });

    // Act
    await handler({ Records: [record('1', 'transaction', 'REMOVE', 'T2'), record('2', 'transaction', 'INSERT', 'T1'), record('3', 'contact', 'REMOVE', 'T2')] }, context);

    // Assess
    expect(projected.map((change) => [change.tenantId, change.sequence])).toEqual([['T1', '2']]);
  });

  it("moves the completeness totals by the records projected before a failure, named by the batch's first record", async () => {
    // Prepare
    const { handler, totalled } = runtime(async (change) => {
      if (change.sequence === '3') throw new Error('throttled');
      return 'applied';
    });

    // Act
    const result = await handler({ Records: [record('1', 'contact'), record('2', 'interaction'), record('3', 'contact'), record('4', 'contact')] }, context);

    // Assess
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: '3' }, { itemIdentifier: '4' }] });
    expect(totalled).toEqual([{ batch: '1', sequences: ['1'] }]);
  });

  it('delivers the whole batch again when the completeness totals cannot be moved', async () => {
    // Prepare
    const { handler, projected } = runtime(async () => 'applied', { T1: true }, async () => {
      throw new Error('throttled');
    });

    // Act
    const result = await handler({ Records: [record('1', 'contact'), record('2', 'transaction')] }, context);

    // Assess
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: '1' }, { itemIdentifier: '2' }] });
    expect(projected.map((change) => change.sequence)).toEqual(['1', '2']);
  });
});
