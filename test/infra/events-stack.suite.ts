import { OUTBOUND_STREAM_FILTER } from '@rapport/events';
import { PUBLISHED_ACTIONS } from '@rapport/domain';
import { describe, expect, it } from 'vitest';
import type { SharedSynth } from './app-queries';
import { actionsOf, asList, functionGrants, logicalIdOf, refersTo, resourcesOf, statementsOn } from './template-queries';

/** The event bus, the outbound-events publisher and the webhook dispatcher with its retries. */
export function describeEventsStack(synth: SharedSynth): void {
  const template = () => synth().templates.events;
  const resources = (type: string) => resourcesOf(template(), type);
  const ids = () => {
    const { events, data } = synth().stacks;
    return {
      bus: logicalIdOf(events.bus),
      publisher: logicalIdOf(events.publisher.handler.function),
      failedBatches: logicalIdOf(events.publisher.failedBatches.queue),
      dispatcher: logicalIdOf(events.webhooks.dispatcher.function),
      retrier: logicalIdOf(events.webhooks.retrier.function),
      retries: logicalIdOf(events.webhooks.retries),
      failedEvents: logicalIdOf(events.webhooks.failedEvents.queue),
      failedRetries: logicalIdOf(events.webhooks.failedRetries.queue),
      fieldKey: logicalIdOf(data.fieldKey.key),
      tableKey: logicalIdOf(data.tableKey),
    };
  };
  const grantsOf = (functionId: string) => {
    const grants = functionGrants(synth().templates).find(({ stack, logicalId }) => stack === 'events' && logicalId === functionId);
    if (!grants) throw new Error(`No grants for ${functionId}`);
    return grants.statements.filter(({ Action }) => !asList(Action).some((action) => action.startsWith('logs:') || action.startsWith('xray:')));
  };
  const mappingOf = (functionId: string) =>
    Object.values(resources('AWS::Lambda::EventSourceMapping')).find(({ Properties }) => refersTo(Properties?.FunctionName, functionId))?.Properties;

  describe('events stack: the publisher', () => {
    it('reads the table stream through its own mapping, filtered to audit events of published actions that succeeded', () => {
      // Act
      const mapping = mappingOf(ids().publisher);

      // Assess
      expect(refersTo(mapping?.EventSourceArn, 'StreamArn')).toBe(true);
      expect(mapping?.FilterCriteria?.Filters.map(({ Pattern }: { Pattern: string }) => JSON.parse(Pattern))).toEqual([
        {
          eventName: ['INSERT'],
          dynamodb: { NewImage: { entity: { S: ['audit-event'] }, action: { S: PUBLISHED_ACTIONS }, outcome: { S: ['success'] } } },
        },
      ]);
      expect(JSON.parse(JSON.stringify(OUTBOUND_STREAM_FILTER))).toEqual(JSON.parse(mapping?.FilterCriteria?.Filters[0].Pattern));
      expect(PUBLISHED_ACTIONS).not.toContain('auth.login');
      expect(PUBLISHED_ACTIONS).not.toContain('contact.pii_read');
    });

    it('halves a failing batch, reports failed records, and sends what still fails to an alarmed dead-letter queue', () => {
      // Act
      const mapping = mappingOf(ids().publisher);

      // Assess
      expect(mapping).toMatchObject({ BisectBatchOnFunctionError: true, FunctionResponseTypes: ['ReportBatchItemFailures'], MaximumRetryAttempts: 10 });
      expect(mapping?.DestinationConfig?.OnFailure?.Destination).toEqual({ 'Fn::GetAtt': [ids().failedBatches, 'Arn'] });
      template().hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [ids().failedBatches, 'QueueName'] } }],
      });
    });

    it('may read the stream and put events on the bus, and nothing of the table', () => {
      // Act
      const statements = grantsOf(ids().publisher);

      // Assess
      expect([...new Set(actionsOf(statements))].sort()).toEqual([
        'dynamodb:DescribeStream',
        'dynamodb:GetRecords',
        'dynamodb:GetShardIterator',
        'events:PutEvents',
        'kms:Decrypt',
        'kms:DescribeKey',
        'sqs:GetQueueAttributes',
        'sqs:GetQueueUrl',
        'sqs:SendMessage',
      ]);
      // The queue actions are the mapping's on-failure destination, on that queue alone.
      const onQueues = statements.filter(({ Action }) => asList(Action).some((action) => action.startsWith('sqs:')));
      expect(onQueues.every(({ Resource }) => refersTo(Resource, ids().failedBatches))).toBe(true);
      expect(statementsOn(statements, ids().tableKey).flatMap(({ Action }) => asList(Action)).sort()).toEqual(['kms:Decrypt', 'kms:DescribeKey']);
      expect(actionsOf(statementsOn(statements, ids().bus))).toEqual(['events:PutEvents']);
      expect(statementsOn(statements, ids().fieldKey)).toEqual([]);
    });
  });

  describe('events stack: the webhook dispatcher', () => {
    it('receives every rapport event from the bus, with retries and a dead-letter queue', () => {
      // Act
      const rules = Object.values(resources('AWS::Events::Rule'));

      // Assess
      expect(rules).toHaveLength(1);
      const rule = rules[0]!.Properties!;
      expect(rule.EventPattern).toEqual({ source: ['rapport'] });
      expect(refersTo(rule.EventBusName, ids().bus)).toBe(true);
      expect(rule.Targets).toHaveLength(1);
      expect(refersTo(rule.Targets[0].Arn, ids().dispatcher)).toBe(true);
      expect(rule.Targets[0].DeadLetterConfig.Arn).toEqual({ 'Fn::GetAtt': [ids().failedEvents, 'Arn'] });
      expect(rule.Targets[0].RetryPolicy).toEqual({ MaximumRetryAttempts: 4, MaximumEventAgeInSeconds: 7200 });
    });

    it('retries through an encrypted delay queue with a redrive to an alarmed dead-letter queue, reporting failed messages', () => {
      // Act
      const queue = resources('AWS::SQS::Queue')[ids().retries]?.Properties;
      const mapping = mappingOf(ids().retrier);

      // Assess
      expect(queue).toMatchObject({ SqsManagedSseEnabled: true, RedrivePolicy: { maxReceiveCount: 5, deadLetterTargetArn: { 'Fn::GetAtt': [ids().failedRetries, 'Arn'] } } });
      expect(queue?.VisibilityTimeout).toBeGreaterThanOrEqual(360);
      expect(refersTo(mapping?.EventSourceArn, ids().retries)).toBe(true);
      expect(mapping?.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
      for (const id of [ids().failedEvents, ids().failedRetries]) {
        template().hasResourceProperties('AWS::CloudWatch::Alarm', { Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [id, 'QueueName'] } }] });
      }
    });

    it('makes every queue encrypted and TLS-only', () => {
      const policies = Object.values(resources('AWS::SQS::QueuePolicy'));
      for (const [id, queue] of Object.entries(resources('AWS::SQS::Queue'))) {
        expect(queue.Properties?.SqsManagedSseEnabled, id).toBe(true);
        const policy = policies.find(({ Properties }) => refersTo(Properties?.Queues, id));
        expect(JSON.stringify(policy?.Properties?.PolicyDocument), id).toContain('"aws:SecureTransport":"false"');
      }
    });

    it.each(['dispatcher', 'retrier'] as const)('lets the %s read webhooks and data keys, write the delivery log, decrypt with the field key and queue retries, no more', (which) => {
      // Act
      const statements = grantsOf(ids()[which]);
      const fieldKey = statementsOn(statements, ids().fieldKey);

      // Assess
      expect([...new Set(actionsOf(statements).filter((action) => action.startsWith('dynamodb:')))].sort()).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query']);
      expect(statements.flatMap(({ Resource }) => asList(Resource)).some((resource) => JSON.stringify(resource).includes('index/*'))).toBe(false);
      expect(fieldKey).toEqual([
        expect.objectContaining({ Action: 'kms:Decrypt', Condition: { Null: { 'kms:EncryptionContext:tenantId': 'false' } } }),
      ]);
      expect(actionsOf(statementsOn(statements, ids().retries))).toContain('sqs:SendMessage');
      expect(actionsOf(statements)).not.toContain('events:PutEvents');
    });

    it('configures the dispatchers with the table, the field key and the retry queue', () => {
      for (const id of [ids().dispatcher, ids().retrier]) {
        const variables = resources('AWS::Lambda::Function')[id]?.Properties?.Environment?.Variables;
        expect(Object.keys(variables ?? {})).toEqual(expect.arrayContaining(['TABLE_NAME', 'FIELD_KEY_ID', 'WEBHOOK_RETRY_QUEUE_URL']));
        expect(variables?.WEBHOOK_URL_POLICY).toBeUndefined();
      }
    });
  });
}
