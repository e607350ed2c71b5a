import { Stack, type StackProps } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { AnalyticsProjector } from './analytics/analytics-projector';

export interface AnalyticsStackProps extends StackProps {
  stage: string;
  /** The table whose stream the aggregates are projected from, and which holds them. */
  table: ITable;
}

/** The CRM numbers: the stream projector that keeps the aggregates the analytics routes read. */
export class AnalyticsStack extends Stack {
  readonly projector: AnalyticsProjector;

  constructor(scope: Construct, id: string, props: AnalyticsStackProps) {
    super(scope, id, props);
    this.projector = new AnalyticsProjector(this, 'Projector', { table: props.table });
  }
}
