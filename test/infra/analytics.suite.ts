import { ANALYTICS_STREAM_FILTERS } from '@rapport/events';
import { ANALYTICS_SOURCE_ENTITIES } from '@rapport/domain';
import { describe, expect, it } from 'vitest';
import type { SharedSynth } from './app-queries';
import { actionsOf, asList, functionGrants, logicalIdOf, refersTo, resourcesOf } from './template-queries';

/** The analytics projector: the table stream's third consumer, its filters, dead-letter queue and grants. */
export function describeAnalytics(synth: SharedSynth): void {
  const template = () => synth().templates.analytics;
  const ids = () => {
    const { analytics } = synth().stacks;
    return { projector: logicalIdOf(analytics.projector.handler.function), failedBatches: logicalIdOf(analytics.projector.failedBatches.queue) };
  };
  const mapping = () =>
    Object.values(resourcesOf(template(), 'AWS::Lambda::EventSourceMapping')).find(({ Properties }) => refersTo(Properties?.FunctionName, ids().projector))?.Properties;
  const grants = () => {
    const found = functionGrants(synth().templates).find(({ stack, logicalId }) => stack === 'analytics' && logicalId === ids().projector);
    if (!found) throw new Error('No grants for the analytics projector');
    return found.statements.filter(({ Action }) => !asList(Action).some((action) => action.startsWith('logs:') || action.startsWith('xray:')));
  };

  describe('analytics stack: the projector', () => {
    it('reads the table stream through its own mapping, filtered to the entities the numbers are made of', () => {
      // Act
      const filters = mapping()?.FilterCriteria?.Filters.map(({ Pattern }: { Pattern: string }) => JSON.parse(Pattern));

      // Assess
      expect(refersTo(mapping()?.EventSourceArn, 'StreamArn')).toBe(true);
      expect(filters).toEqual([
        { eventName: ['INSERT', 'MODIFY'], dynamodb: { NewImage: { entity: { S: ['contact', 'transaction', 'feedback', 'deal', 'ticket'] } } } },
        { eventName: ['REMOVE'], dynamodb: { OldImage: { entity: { S: ['contact', 'transaction', 'feedback', 'deal', 'ticket'] } } } },
      ]);
      expect(filters).toEqual(JSON.parse(JSON.stringify(ANALYTICS_STREAM_FILTERS)));
      expect(ANALYTICS_SOURCE_ENTITIES).not.toContain('audit-event');
    });

    it('reports the first failed record without bisecting, in batches of 100 within 5 s, and parks what still fails on an alarmed queue', () => {
      // Assess
      expect(mapping()).toMatchObject({
        BatchSize: 100,
        MaximumBatchingWindowInSeconds: 5,
        BisectBatchOnFunctionError: false,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        MaximumRetryAttempts: 10,
        StartingPosition: 'LATEST',
      });
      expect(mapping()?.DestinationConfig?.OnFailure?.Destination).toEqual({ 'Fn::GetAtt': [ids().failedBatches, 'Arn'] });
      template().hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [ids().failedBatches, 'QueueName'] } }],
      });
      template().hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'IteratorAge', Threshold: 300_000 });
    });

    it('may read the stream and single items, and write only the analytics and completeness partitions: no Query, Scan or Delete', () => {
      // Act
      const statements = grants();
      const writes = statements.find(({ Action }) => asList(Action).includes('dynamodb:PutItem'));

      // Assess
      expect([...new Set(actionsOf(statements))].sort()).toEqual([
        'dynamodb:DescribeStream',
        'dynamodb:GetItem',
        'dynamodb:GetRecords',
        'dynamodb:GetShardIterator',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'kms:Decrypt',
        'kms:DescribeKey',
        'kms:Encrypt',
        'kms:GenerateDataKey*',
        'kms:ReEncrypt*',
        'sqs:GetQueueAttributes',
        'sqs:GetQueueUrl',
        'sqs:SendMessage',
      ]);
      expect(asList(writes?.Action).sort()).toEqual(['dynamodb:PutItem', 'dynamodb:UpdateItem']);
      // The analytics partitions and the completeness totals' (shards and delivery markers), nothing else.
      expect(writes?.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['TENANT#*#ANALYTICS*', 'TENANT#*#STATS*'] } });
    });
  });
}
