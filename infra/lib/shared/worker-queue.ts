import { Duration, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

export interface WorkerQueueProps {
  /** The work queue's construct id (its logical id stays what it was). */
  id: string;
  /** What its dead-letter queue holds, for the cdk-nag acknowledgement. */
  name: string;
  /** The worker's timeout: messages stay invisible six times as long, as AWS advises for Lambda. */
  workerTimeout: Duration;
  maxReceives: number;
  /** What a message in the dead-letter queue means, for whoever the alarm wakes. */
  alarmDescription: string;
}

/**
 * A worker's queue as the imports and insights pipelines both need it: SSE, TLS only, a
 * dead-letter queue kept 14 days after `maxReceives` deliveries, and an alarm on its first
 * message. Built in the caller's own scope, so the resources keep the ids they had there.
 */
export function workerQueue(scope: Construct, props: WorkerQueueProps): { queue: Queue; deadLetters: Queue } {
  const deadLetters = new Queue(scope, 'DeadLetters', { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) });
  Validations.of(deadLetters).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason: `This queue is itself the dead-letter queue of the ${props.name} queue; an alarm fires on its first message.`,
  });
  const queue = new Queue(scope, props.id, {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    visibilityTimeout: Duration.seconds(props.workerTimeout.toSeconds() * 6),
    deadLetterQueue: { queue: deadLetters, maxReceiveCount: props.maxReceives },
  });
  new Alarm(scope, 'DeadLettersAlarm', {
    alarmDescription: props.alarmDescription,
    metric: deadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1) }),
    threshold: 1,
    evaluationPeriods: 1,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
  return { queue, deadLetters };
}
