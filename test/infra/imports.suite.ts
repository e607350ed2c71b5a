import { describe, expect, it } from 'vitest';
import { IMPORT_FILE_DAYS, IMPORT_MAX_RECEIVES, IMPORT_WORKER_HANDLER } from '../../infra/lib/imports/import-pipeline';
import { apiFunctionId, apiFunctionStack, handlersWith, type SharedSynth } from './app-queries';
import { actionsOf, asList, functionGrants, logicalIdOf, refersTo, resourcesOf, statementsOn, type PolicyStatement } from './template-queries';

/** The imports bucket, the chunk queue and its dead letters, the worker, and who may touch them. */
export function describeImports(synth: SharedSynth): void {
  const template = () => synth().templates.api;
  const ids = () => {
    const { imports } = synth().stacks.api;
    return {
      bucket: logicalIdOf(imports.bucket),
      queue: logicalIdOf(imports.queue),
      deadLetters: logicalIdOf(imports.deadLetters),
      worker: logicalIdOf(imports.worker!.function),
    };
  };
  /** The statements of a function's role: the worker's in the Api stack, a route handler's in its handler stack. */
  const grantsOf = (logicalId: string, stack = 'api') =>
    functionGrants(synth().allTemplates).find((fn) => fn.stack === stack && fn.logicalId === logicalId)!.statements;

  describe('imports', () => {
    it('keeps uploaded files private, encrypted, TLS-only, for a week, and lets only the console origin PUT them', () => {
      const bucket = resourcesOf(template(), 'AWS::S3::Bucket')[ids().bucket]!.Properties!;
      expect(bucket.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
      expect(bucket.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
      expect(bucket.LifecycleConfiguration.Rules).toEqual([expect.objectContaining({ ExpirationInDays: IMPORT_FILE_DAYS, Status: 'Enabled' })]);
      expect(bucket.CorsConfiguration.CorsRules).toEqual([expect.objectContaining({ AllowedMethods: ['PUT'], AllowedOrigins: ['https://app.example.com'] })]);
      expect(bucket.LoggingConfiguration).toBeDefined();
      const policy = Object.values(resourcesOf(template(), 'AWS::S3::BucketPolicy')).find(({ Properties }) => refersTo(Properties?.Bucket, ids().bucket));
      const statements = asList<PolicyStatement>(policy?.Properties?.PolicyDocument.Statement ?? []);
      expect(statements.some(({ Effect, Condition }) => Effect === 'Deny' && Condition?.Bool?.['aws:SecureTransport'] === 'false')).toBe(true);
    });

    it('queues chunks encrypted, with a dead-letter queue after five deliveries and an alarm on it', () => {
      const queues = resourcesOf(template(), 'AWS::SQS::Queue');
      const queue = queues[ids().queue]!.Properties!;
      expect(queue.SqsManagedSseEnabled).toBe(true);
      expect(queue.RedrivePolicy).toEqual({ deadLetterTargetArn: { 'Fn::GetAtt': [ids().deadLetters, 'Arn'] }, maxReceiveCount: IMPORT_MAX_RECEIVES });
      expect(queues[ids().deadLetters]!.Properties!.SqsManagedSseEnabled).toBe(true);
      template().hasResourceProperties('AWS::CloudWatch::Alarm', {
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [ids().deadLetters, 'QueueName'] } }],
        Threshold: 1,
      });
    });

    it('runs the worker on the queue one message at a time, reporting failures, within the visibility timeout', () => {
      template().hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        EventSourceArn: { 'Fn::GetAtt': [ids().queue, 'Arn'] },
        FunctionName: { Ref: ids().worker },
        BatchSize: 1,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      });
      const worker = resourcesOf(template(), 'AWS::Lambda::Function')[ids().worker]!.Properties!;
      const queue = resourcesOf(template(), 'AWS::SQS::Queue')[ids().queue]!.Properties!;
      expect(queue.VisibilityTimeout).toBeGreaterThanOrEqual(worker.Timeout * 6);
      expect(worker.Environment.Variables).toEqual(expect.objectContaining({ IMPORT_BUCKET: { Ref: ids().bucket }, IMPORT_QUEUE_URL: { Ref: ids().queue } }));
      expect(worker.Handler).toBe('index.handler');
      expect(synth().stacks.api.imports.worker!.function.node.path).toContain('Worker');
      expect(IMPORT_WORKER_HANDLER).toBe('imports/process-import-chunk');
    });

    it('lets the worker read files and queue the next chunk, and only import routes sign uploads and start jobs', () => {
      const worker = grantsOf(ids().worker);
      expect(actionsOf(statementsOn(worker, ids().bucket))).toEqual(['s3:GetObject']);
      expect(actionsOf(statementsOn(worker, ids().queue))).toEqual(expect.arrayContaining(['sqs:SendMessage', 'sqs:ReceiveMessage', 'sqs:DeleteMessage']));

      const importing = handlersWith((route) => route.access.imports === true);
      expect([...importing].sort()).toEqual(['imports/commit-import', 'imports/create-import', 'imports/dry-run-import', 'imports/preview-import']);
      for (const handler of synth().stacks.api.routes.functions.keys()) {
        const statements = grantsOf(apiFunctionId(synth(), handler), apiFunctionStack(handler));
        const onBucket = actionsOf(statementsOn(statements, ids().bucket)).sort();
        const onQueue = actionsOf(statementsOn(statements, ids().queue));
        expect(onBucket, handler).toEqual(importing.has(handler) ? ['s3:GetObject', 's3:PutObject'] : []);
        expect(onQueue.includes('sqs:SendMessage'), handler).toBe(importing.has(handler));
        expect(onQueue, handler).not.toContain('sqs:ReceiveMessage');
        for (const statement of statementsOn(statements, ids().bucket)) expect(JSON.stringify(statement.Resource), handler).toContain('/imports/*');
      }
    });
  });
}
