import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus } from 'aws-cdk-lib/aws-events';
import type { Construct } from 'constructs';
import type { FieldKey } from './data/field-key';
import { OutboundPublisher } from './events/outbound-publisher';
import { WebhookDispatcher } from './events/webhook-dispatcher';

export interface EventsStackProps extends StackProps {
  stage: string;
  /** The table whose stream carries the audit events domain events are made from, and which holds the webhooks. */
  table: ITable;
  /** Wraps the tenants' data keys, under which webhook secrets are encrypted. */
  fieldKey: FieldKey;
}

/**
 * Outbound events: the bus domain events are put on (from the table stream, by the publisher),
 * and the signed webhook deliveries with their retries that a rule on the bus drives. Other
 * consumers of the product's events (analytics, integrations) add their own rules to the bus.
 */
export class EventsStack extends Stack {
  readonly bus: EventBus;
  readonly publisher: OutboundPublisher;
  readonly webhooks: WebhookDispatcher;

  constructor(scope: Construct, id: string, props: EventsStackProps) {
    super(scope, id, props);
    this.bus = new EventBus(this, 'Bus', { eventBusName: `rapport-${props.stage}`, description: `Rapport ${props.stage}: domain events` });
    this.publisher = new OutboundPublisher(this, 'Publisher', { table: props.table, bus: this.bus });
    this.webhooks = new WebhookDispatcher(this, 'Webhooks', { table: props.table, fieldKey: props.fieldKey, bus: this.bus });
    new CfnOutput(this, 'EventBusName', { value: this.bus.eventBusName, description: 'The bus Rapport puts its domain events on' });
  }
}
