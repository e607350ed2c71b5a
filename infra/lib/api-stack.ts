import { CfnOutput, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat, EndpointType, LogGroupLogDestination, RestApi } from 'aws-cdk-lib/aws-apigateway';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { ContactExports } from './api/contact-exports';
import { addGatewayResponses } from './api/gateway-responses';
import { RouteWiring } from './api/route-wiring';
import type { AuditStack } from './audit-stack';
import type { FieldKey } from './data/field-key';
import type { MailSender } from './identity/mail-sender';
import { ImportPipeline } from './imports/import-pipeline';
import { InsightsPipeline } from './insights/insights-pipeline';
import { TaskReminders } from './tasks/task-reminders';

export interface ApiStackProps extends StackProps {
  stage: string;
  table: ITable;
  fieldKey: FieldKey;
  userPool: IUserPool;
  userPoolClient: IUserPoolClient;
  mail: MailSender;
  audit: AuditStack;
  /** The web console's base URL, for links in mail (an invitation's accept link). */
  appUrl: string;
}

/** The default method throttle of the stage: a small-business CRM's traffic, with room for bursts. */
export const API_THROTTLE = { rateLimit: 50, burstLimit: 100 } as const;

/**
 * The presentation layer: the REST API (resources, methods, stage, gateway responses) and, in one
 * nested stack per area of handlers, one Lambda function per handler, wired from the route table.
 */
export class ApiStack extends Stack {
  readonly api: RestApi;
  readonly routes: RouteWiring;
  readonly imports: ImportPipeline;
  readonly insights: InsightsPipeline;
  readonly exports: ContactExports;
  readonly reminders: TaskReminders;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.ONE_YEAR,
      // Who called what and when is evidence; it outlives the stack.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.api = new RestApi(this, 'Api', {
      restApiName: `rapport-${props.stage}`,
      description: 'Rapport CRM REST API',
      endpointTypes: [EndpointType.REGIONAL],
      // Execution logging needs the account-wide API Gateway CloudWatch role; see the APIG6 acknowledgement.
      cloudWatchRole: false,
      deployOptions: {
        stageName: props.stage,
        accessLogDestination: new LogGroupLogDestination(accessLogs),
        accessLogFormat: AccessLogFormat.jsonWithStandardFields({
          caller: true,
          httpMethod: true,
          ip: true,
          protocol: true,
          requestTime: true,
          resourcePath: true,
          responseLength: true,
          status: true,
          user: true,
        }),
        throttlingRateLimit: API_THROTTLE.rateLimit,
        throttlingBurstLimit: API_THROTTLE.burstLimit,
        tracingEnabled: true,
        metricsEnabled: true,
      },
    });

    // Rejects a request missing a path parameter its route declares. Bodies are checked only against a
    // method's request model and no method declares one: the handlers' zod schemas validate bodies and
    // answer in the API's error shape with field-level details.
    const requestValidator = this.api.addRequestValidator('RequestValidator', {
      validateRequestParameters: true,
      validateRequestBody: true,
    });

    this.imports = new ImportPipeline(this, 'Imports', { stage: props.stage, table: props.table, fieldKey: props.fieldKey, appUrl: props.appUrl });
    this.exports = new ContactExports(this, 'ContactExports', { stage: props.stage });
    this.insights = new InsightsPipeline(this, 'Insights');
    // Every handler gets the same variables (as in the local stack); what a handler may do with them is
    // decided by its role, which only its routes' declared access widens.
    const baseEnvironment = {
      TABLE_NAME: props.table.tableName,
      USER_POOL_ID: props.userPool.userPoolId,
      USER_POOL_CLIENT_ID: props.userPoolClient.userPoolClientId,
      FIELD_KEY_ID: props.fieldKey.key.keyArn,
      MAIL_FROM: props.mail.fromAddress,
      APP_URL: props.appUrl,
      AUDIT_BUCKET: props.audit.archive.bucket.bucketName,
      AUDIT_SIGNING_KEY_ID: props.audit.signingKey.key.keyArn,
      EXPORTS_BUCKET: this.exports.bucket.bucketName,
      ...this.imports.environment,
      ...this.insights.environment,
    };
    this.reminders = new TaskReminders(this, 'TaskReminders', { stage: props.stage, table: props.table, environment: baseEnvironment });
    const environment = { ...baseEnvironment, ...this.reminders.environment };
    this.routes = new RouteWiring(this, 'Routes', {
      api: this.api,
      targets: { table: props.table, userPool: props.userPool, fieldKey: props.fieldKey, mail: props.mail, audit: props.audit, imports: this.imports, exports: this.exports, insights: this.insights, reminders: this.reminders },
      environment,
      requestValidator,
      stageName: props.stage,
    });
    this.imports.addWorker({ environment, table: props.table, fieldKey: props.fieldKey });
    this.insights.addFunctions({ environment, table: props.table });
    addGatewayResponses(this.api);

    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'Base URL of the REST API (routes start with /v1)' });

    this.acknowledgeFindings();
  }

  private acknowledgeFindings(): void {
    const api = Validations.of(this.api);
    const tokenCheck =
      'Every handler of an auth "user" route verifies the Cognito access token itself (aws-jwt-verify: signature, issuer, ' +
      'client id, token use, expiry) and then resolves the tenant and role from the membership record in the table, ' +
      'which a Cognito authorizer cannot do; public routes (signup, login, refresh, the not-found fallback) take no token by design.';
    api.acknowledge({ id: 'AwsSolutions-APIG4', reason: tokenCheck });
    api.acknowledge({ id: 'AwsSolutions-COG4', reason: tokenCheck });
    const stage = Validations.of(this.api.deploymentStage);
    stage.acknowledge({
      id: 'AwsSolutions-APIG6',
      reason:
        'Execution logging needs the account-wide API Gateway CloudWatch role (AWS::ApiGateway::Account), a per-account singleton ' +
        'that one stage would overwrite for the others; every request is in the JSON access log and every handler logs through Powertools.',
    });
    stage.acknowledge({
      id: 'AwsSolutions-APIG3',
      reason:
        'No WAF web ACL yet: the stage throttles every method (rate 50, burst 100) and handlers validate all input; ' +
        'a WAF with managed rule groups is planned with the custom domain.',
    });
  }
}
