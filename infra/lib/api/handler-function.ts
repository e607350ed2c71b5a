import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal, type IGrantable, type IPrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, Function as LambdaFunction, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { handlerBundleDir, placeholderBundleDir } from './handler-bundles';

export interface HandlerFunctionProps {
  /** The handler's path under `functions/`, without extension, as the route table names it. */
  handler: string;
  environment: Record<string, string>;
  /** How long one invocation may run; an API request is answered well within the default. @default 10 seconds */
  timeout?: Duration;
  /** @default 1024 MB: Lambda gives CPU in proportion to memory, which shortens cold starts. */
  memorySize?: number;
}

/**
 * One Lambda function for one handler file, bundled locally by esbuild (never in Docker, so synth
 * works offline; every handler of the app in one esbuild run, see `handler-bundles.ts`), with its own log group and a role that may write to that log group and nothing
 * else until its grants are added: the route table's access for an API handler, the audit stack's
 * for the archiver and the digest writer.
 */
export class HandlerFunction extends Construct implements IGrantable {
  readonly function: LambdaFunction;
  readonly role: Role;
  readonly grantPrincipal: IPrincipal;

  constructor(scope: Construct, id: string, props: HandlerFunctionProps) {
    super(scope, id);

    const logGroup = new LogGroup(this, 'Logs', {
      retention: RetentionDays.ONE_MONTH,
      // Operational logs only; the audit trail lives in its own store.
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // A role of our own instead of AWSLambdaBasicExecutionRole, whose log permissions cover every log group.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Rapport handler ${props.handler}`,
    });
    logGroup.grantWrite(this.role);
    this.grantPrincipal = this.role;

    // As CDK's own bundling does, a stack synthesized without bundling (`aws:cdk:bundling-stacks`) gets placeholder code.
    const codeDir = Stack.of(this).bundlingRequired ? handlerBundleDir(props.handler) : placeholderBundleDir();
    this.function = new LambdaFunction(this, 'Function', {
      description: `Rapport handler ${props.handler}`,
      code: Code.fromAsset(codeDir),
      handler: 'index.handler',
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 1024,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: Tracing.ACTIVE,
      role: this.role,
      logGroup,
      environment: {
        ...props.environment,
        POWERTOOLS_SERVICE_NAME: 'rapport',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        POWERTOOLS_METRICS_NAMESPACE: 'Rapport',
        NODE_OPTIONS: '--enable-source-maps',
      },
    });

    Validations.of(this).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Only the X-Ray actions added by active tracing (xray:PutTraceSegments, xray:PutTelemetryRecords) use Resource "*": ' +
        'X-Ray does not support resource-level permissions. The infra tests prove no DynamoDB, KMS, S3, Cognito or SES action has a "*" resource.',
    });
  }
}
