import { TABLE_SCHEMA } from '@rapport/data';
import { PASSWORD_POLICY } from '@rapport/domain';
import { allHandlers, FALLBACK_HANDLER, ROUTES } from '@rapport/http';
import type { CfnElement } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_THROTTLE } from '../../infra/lib/api-stack';
import { pathParameters } from '../../infra/lib/api/route-wiring';
import { apiFunctionId, apiFunctions, apiFunctionStack, apiMethodsOf, routes } from './app-queries';
import { describeAuditStack } from './audit-stack.suite';
import { describeImports } from './imports.suite';
import { IMPORT_WORKER_TIMEOUT } from '../../infra/lib/imports/import-pipeline';
import { INSIGHTS_WORKER_TIMEOUT } from '../../infra/lib/insights/insights-pipeline';
import { describeEventsStack } from './events-stack.suite';
import { describeContactExports } from './contact-exports.suite';
import { describeAnalytics } from './analytics.suite';
import { describeInsights } from './insights.suite';
import { describeTaskReminders } from './tasks.suite';
import { describeWebStack } from './web-stack.suite';
import { describeLeastPrivilege } from './least-privilege.suite';
import { describeSecurityKeysAndMail } from './security-core.suite';
import { synthesizeApp, type SynthesizedApp } from './synth-app';
import { logicalIdOf, resourcesOf } from './template-queries';

/**
 * Synthesized once for the whole file, and shared with the suites it registers: bundling every
 * handler is what takes the time.
 */
let synth: SynthesizedApp;
beforeAll(() => {
  synth = synthesizeApp();
});
afterAll(() => synth?.cleanUp());

const functionLogicalId = (handler: string): string => apiFunctionId(synth, handler);

describe('data stack', () => {
  it('holds exactly one DynamoDB table in the whole app', () => {
    // Prepare
    const all = Object.values(synth.allTemplates);

    // Act
    const tables = all.flatMap((template) => [
      ...Object.keys(resourcesOf(template, 'AWS::DynamoDB::Table')),
      ...Object.keys(resourcesOf(template, 'AWS::DynamoDB::GlobalTable')),
    ]);

    // Assess
    expect(tables).toHaveLength(1);
  });

  it('builds keys and indexes from TABLE_SCHEMA', () => {
    // Prepare
    const expectedIndexes = TABLE_SCHEMA.globalSecondaryIndexes.map((index) => ({
      IndexName: index.indexName,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: index.projection.type },
    }));

    // Act & Assess
    synth.templates.data.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: TABLE_SCHEMA.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_SCHEMA.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: expectedIndexes,
      BillingMode: 'PAY_PER_REQUEST',
    });
  });

  it('protects the data: PITR, deletion protection, retained on stack deletion', () => {
    synth.templates.data.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
      }),
    });
  });

  it('encrypts with the rotating customer-managed key created in the stack', () => {
    // Prepare
    const keyId = synth.stacks.data.getLogicalId(synth.stacks.data.tableKey.node.defaultChild as CfnElement);
    const key = resourcesOf(synth.templates.data, 'AWS::KMS::Key')[keyId];

    // Assess
    expect(key?.Properties?.EnableKeyRotation).toBe(true);
    expect(key?.DeletionPolicy).toBe('Retain');
    synth.templates.data.hasResourceProperties('AWS::DynamoDB::Table', {
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } },
    });
  });

  it('streams new and old images and expires items on the TTL attribute', () => {
    synth.templates.data.hasResourceProperties('AWS::DynamoDB::Table', {
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      TimeToLiveSpecification: { AttributeName: TABLE_SCHEMA.timeToLiveAttribute, Enabled: true },
    });
  });
});

describe('identity stack', () => {
  it('lets only the API create users, by email, case-insensitively', () => {
    synth.templates.identity.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      UsernameAttributes: ['email'],
      UsernameConfiguration: { CaseSensitive: false },
      DeletionProtection: 'ACTIVE',
    });
  });

  it('enforces PASSWORD_POLICY, the policy the API validates with', () => {
    synth.templates.identity.hasResourceProperties('AWS::Cognito::UserPool', {
      Policies: {
        PasswordPolicy: Match.objectLike({
          MinimumLength: PASSWORD_POLICY.minLength,
          RequireLowercase: PASSWORD_POLICY.requireLowercase,
          RequireUppercase: PASSWORD_POLICY.requireUppercase,
          RequireNumbers: PASSWORD_POLICY.requireDigits,
          RequireSymbols: PASSWORD_POLICY.requireSymbols,
        }),
      },
    });
  });

  it('declares tenantId as an immutable custom attribute', () => {
    synth.templates.identity.hasResourceProperties('AWS::Cognito::UserPool', {
      Schema: Match.arrayWith([Match.objectLike({ Name: 'tenantId', AttributeDataType: 'String', Mutable: false })]),
    });
  });

  it('gives the app client an explicit write list without custom:tenantId', () => {
    // Prepare
    const clients = Object.values(resourcesOf(synth.templates.identity, 'AWS::Cognito::UserPoolClient'));

    // Act
    const writeAttributes: string[] = clients[0]?.Properties?.WriteAttributes ?? [];

    // Assess
    expect(clients).toHaveLength(1);
    // An absent or empty list would let the client write every mutable attribute.
    expect(writeAttributes.length).toBeGreaterThan(0);
    expect(writeAttributes).not.toContain('custom:tenantId');
    expect(writeAttributes).not.toContain('email');
    expect(clients[0]?.Properties?.ReadAttributes).toContain('custom:tenantId');
  });

  it('logs in with USER_PASSWORD_AUTH and refresh tokens, without a secret, hiding user existence', () => {
    synth.templates.identity.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ExplicitAuthFlows: Match.arrayEquals(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']),
      GenerateSecret: false,
      PreventUserExistenceErrors: 'ENABLED',
      AccessTokenValidity: 60,
      RefreshTokenValidity: 43_200,
    });
  });
});

/** The Api stack's own functions, beside the route handlers in their nested stacks. */
const backgroundFunctions = () => [
  logicalIdOf(synth.stacks.api.imports.worker!.function),
  logicalIdOf(synth.stacks.api.reminders.fireFunction.function),
  logicalIdOf(synth.stacks.api.insights.worker!.function),
  logicalIdOf(synth.stacks.api.insights.scheduler!.function),
];

describe('api stack: functions', () => {
  it('has one function per handler in the route table, the fallback included, the import worker, the reminder function and the insights worker and scheduler', () => {
    // Prepare
    const functions = apiFunctions(synth);

    // Act
    const wired = [...allHandlers().map(functionLogicalId), ...backgroundFunctions()];

    // Assess
    expect(Object.keys(functions).sort()).toEqual([...wired].sort());
    expect(allHandlers()).toContain(FALLBACK_HANDLER);
  });

  it('runs every function on Node.js 24, arm64, with active tracing and its environment', () => {
    const worker = logicalIdOf(synth.stacks.api.imports.worker!.function);
    const fireReminder = logicalIdOf(synth.stacks.api.reminders.fireFunction.function);
    const insights = [logicalIdOf(synth.stacks.api.insights.worker!.function), logicalIdOf(synth.stacks.api.insights.scheduler!.function)];
    // A route may ask for longer than the 10 s default (an export works through a whole workspace).
    const timeouts = new Map(Object.values(ROUTES).map((route) => [functionLogicalId(route.handler), (route as { timeoutSeconds?: number }).timeoutSeconds ?? 10]));
    expect([...timeouts.values()].every((seconds) => seconds <= 29)).toBe(true);
    for (const [logicalId, fn] of Object.entries(apiFunctions(synth))) {
      expect(fn.Properties, logicalId).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        MemorySize: 1024,
        // An API request is answered within seconds (a route may ask for more); the import worker takes a chunk of 1,000 rows.
        Timeout:
          logicalId === worker
            ? IMPORT_WORKER_TIMEOUT.toSeconds()
            : logicalId === fireReminder
              ? 30
              : insights.includes(logicalId)
                ? INSIGHTS_WORKER_TIMEOUT.toSeconds()
                : (timeouts.get(logicalId) ?? 10),
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogGroup: expect.anything() },
      });
      expect(Object.keys(fn.Properties?.Environment?.Variables ?? {}).sort(), logicalId).toEqual(
        [
          'NODE_OPTIONS',
          'POWERTOOLS_LOG_LEVEL',
          'POWERTOOLS_METRICS_NAMESPACE',
          'POWERTOOLS_SERVICE_NAME',
          'TABLE_NAME',
          'USER_POOL_CLIENT_ID',
          'USER_POOL_ID',
          'FIELD_KEY_ID',
          'MAIL_FROM',
          'APP_URL',
          'AUDIT_BUCKET',
          'AUDIT_SIGNING_KEY_ID',
          'IMPORT_BUCKET',
          'IMPORT_QUEUE_URL',
          'EXPORTS_BUCKET',
          'INSIGHTS_QUEUE_URL',
          // The reminder function fires reminders and never schedules one.
          ...(logicalId === fireReminder ? [] : ['REMINDER_SCHEDULE_GROUP', 'REMINDER_TARGET_ARN', 'REMINDER_ROLE_ARN']),
        ].sort(),
      );
    }
  });

  it('bundles every handler as an ES module with the createRequire banner', () => {
    // Prepare
    const assetDir = (logicalId: string) => {
      const s3Key: string = apiFunctions(synth)[logicalId]?.Properties?.Code?.S3Key;
      return `asset.${s3Key.replace(/\.zip$/, '')}`;
    };

    for (const handler of allHandlers()) {
      // Act
      const bundle = readFileSync(join(synth.assembly.directory, assetDir(functionLogicalId(handler)), 'index.mjs'), 'utf8');

      // Assess
      expect(bundle.startsWith("import { createRequire } from 'module'; const require = createRequire(import.meta.url);"), handler).toBe(true);
    }
  });
});

/** CloudFormation's limit is 500 resources and a 1 MB template; these leave room to notice before a deploy fails. */
const MAX_RESOURCES_PER_STACK = 450;
const MAX_TEMPLATE_BYTES = 900 * 1024;

describe('api stack: handler stacks', () => {
  it('puts each handler function with its log group, role and policy in the nested stack of its area, and none in the Api stack', () => {
    for (const handler of allHandlers()) {
      // Prepare
      const template = synth.handlerTemplates[apiFunctionStack(handler)];

      // Act
      const fn = template && resourcesOf(template, 'AWS::Lambda::Function')[functionLogicalId(handler)];

      // Assess
      expect(fn, handler).toBeDefined();
      expect(Object.keys(resourcesOf(template!, 'AWS::IAM::Role')), handler).toContain(fn?.Properties?.Role?.['Fn::GetAtt']?.[0]);
      expect(Object.keys(resourcesOf(template!, 'AWS::Logs::LogGroup')), handler).toContain(fn?.Properties?.LoggingConfig?.LogGroup?.Ref);
    }
    expect(apiFunctionStack('contacts/get-contact')).toBe('api/contacts');
    expect(Object.keys(resourcesOf(synth.templates.api, 'AWS::Lambda::Function')).sort()).toEqual(backgroundFunctions().sort());
    synth.templates.api.resourceCountIs('AWS::Lambda::Permission', 0);
  });

  it('lets API Gateway invoke a function only through its own methods of the stage, the fallback through any', () => {
    // Prepare
    const apiId = logicalIdOf(synth.stacks.api.api);
    const permissionsOf = (handler: string) =>
      Object.values(resourcesOf(synth.handlerTemplates[apiFunctionStack(handler)]!, 'AWS::Lambda::Permission'))
        .filter(({ Properties }) => Properties?.FunctionName?.['Fn::GetAtt']?.[0] === functionLogicalId(handler))
        .map(({ Properties }) => {
          expect(Properties).toMatchObject({ Action: 'lambda:InvokeFunction', Principal: 'apigateway.amazonaws.com' });
          expect(JSON.stringify(Properties?.SourceArn)).toContain(`{"Ref":"${apiId}"}`);
          return JSON.stringify(Properties?.SourceArn).match(/"\/([^"]*)"\]\]\}$/)?.[1];
        });

    for (const handler of allHandlers().filter((name) => name !== FALLBACK_HANDLER)) {
      // Act
      const expected = routes.filter(([, route]) => route.handler === handler).map(([, route]) => `dev/${route.method}${route.path.replace(/\{[^}]+\}/g, '*')}`);

      // Assess
      expect(permissionsOf(handler).sort(), handler).toEqual(expected.sort());
    }
    expect(permissionsOf(FALLBACK_HANDLER)).toEqual(['*/*/*']);
  });

  it('passes the handler stacks few values: the API id, the buckets, queues and keys they use, never one per function', () => {
    for (const [key, stack] of synth.stacks.api.routes.handlerStacks.all) {
      // Act
      const parameters = Object.keys(Template.fromStack(stack).toJSON().Parameters ?? {});
      const outputs = Object.keys(Template.fromStack(stack).toJSON().Outputs ?? {});
      const functions = Object.keys(resourcesOf(Template.fromStack(stack), 'AWS::Lambda::Function'));

      // Assess
      expect(parameters.length, key).toBeLessThanOrEqual(10);
      // One output per function: its ARN, for the integrations of its methods.
      expect(outputs.length, key).toBe(functions.length);
    }
  });

  it('keeps every stack of the app, nested ones included, under 450 resources and every template under 900 KB', () => {
    // Prepare
    const files = readdirSync(synth.assembly.directory).filter((name) => name.endsWith('.template.json'));

    for (const file of files) {
      // Act
      const text = readFileSync(join(synth.assembly.directory, file), 'utf8');
      const template = JSON.parse(text) as { Resources: object; Outputs?: object; Parameters?: object };

      // Assess
      expect(Object.keys(template.Resources).length, file).toBeLessThanOrEqual(MAX_RESOURCES_PER_STACK);
      expect(Buffer.byteLength(text), file).toBeLessThan(MAX_TEMPLATE_BYTES);
      // CloudFormation allows 200 of each.
      expect(Object.keys(template.Outputs ?? {}).length, file).toBeLessThanOrEqual(150);
      expect(Object.keys(template.Parameters ?? {}).length, file).toBeLessThanOrEqual(150);
    }
    expect(files.filter((name) => name.endsWith('.nested.template.json'))).toHaveLength(synth.stacks.api.routes.handlerStacks.all.size);
    expect(files.length).toBe(7 + synth.stacks.api.routes.handlerStacks.all.size);
  });
});

describe('api stack: routes', () => {
  it('has a method for every route, integrated with the route handler by Lambda proxy and no API Gateway authorizer', () => {
    // Prepare
    const methods = apiMethodsOf(synth);

    for (const [routeId, route] of routes) {
      // Act
      const method = methods.find(({ httpMethod, path }) => httpMethod === route.method && path === route.path);

      // Assess
      expect(method, routeId).toBeDefined();
      expect(method?.functionLogicalId, routeId).toBe(functionLogicalId(route.handler));
      expect(method?.properties).toMatchObject({ AuthorizationType: 'NONE', Integration: { Type: 'AWS_PROXY', IntegrationHttpMethod: 'POST' } });
    }
    synth.templates.api.resourceCountIs('AWS::ApiGateway::Authorizer', 0);
  });

  it('requires the path parameters each route declares', () => {
    const methods = apiMethodsOf(synth);
    for (const [routeId, route] of routes) {
      // Prepare
      const expected = Object.fromEntries(pathParameters(route.path).map((name) => [`method.request.path.${name}`, true]));

      // Act
      const method = methods.find(({ httpMethod, path }) => httpMethod === route.method && path === route.path);

      // Assess
      expect(method?.properties.RequestParameters ?? {}, routeId).toEqual(expected);
      expect(method?.properties.RequestValidatorId, routeId).toBeDefined();
    }
    expect(pathParameters(ROUTES.getContact.path)).toEqual(['id']);
  });

  it('sends other methods on every routed path, the root and unknown paths to the fallback handler', () => {
    // Prepare
    const methods = apiMethodsOf(synth);
    const fallback = functionLogicalId(FALLBACK_HANDLER);
    const anyPaths = new Set(methods.filter(({ httpMethod, functionLogicalId: fn }) => httpMethod === 'ANY' && fn === fallback).map(({ path }) => path));

    // Act
    const routedPaths = new Set(routes.map(([, route]) => route.path));

    // Assess
    for (const path of routedPaths) expect(anyPaths, path).toContain(path);
    expect(anyPaths).toContain('/');
    expect(anyPaths).toContain('/{proxy+}');
    expect(methods.filter(({ httpMethod }) => httpMethod === 'ANY').every(({ functionLogicalId: fn }) => fn === fallback)).toBe(true);
  });

  it('answers gateway-generated errors in the API error shape', () => {
    for (const responseType of ['DEFAULT_4XX', 'DEFAULT_5XX', 'MISSING_AUTHENTICATION_TOKEN']) {
      // Prepare
      const [response] = Object.values(resourcesOf(synth.templates.api, 'AWS::ApiGateway::GatewayResponse')).filter(
        ({ Properties }) => Properties?.ResponseType === responseType,
      );
      const template: string = response?.Properties?.ResponseTemplates?.['application/json'] ?? '';

      // Act
      const body = JSON.parse(template.replace('$context.error.messageString', '"Gateway says no"').replace('$context.requestId', 'req-1'));

      // Assess
      expect(body, responseType).toEqual({ error: { code: expect.any(String), message: expect.any(String), requestId: 'req-1' } });
      expect(response?.Properties?.ResponseParameters?.['gatewayresponse.header.content-type'], responseType).toMatch(/^'application\/json/);
    }
  });

  it('logs access as JSON, throttles and traces the stage', () => {
    synth.templates.api.hasResourceProperties('AWS::ApiGateway::Stage', {
      AccessLogSetting: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('^\\{.*"requestId":"\\$context.requestId".*\\}$') },
      MethodSettings: Match.arrayWith([
        Match.objectLike({
          HttpMethod: '*',
          ResourcePath: '/*',
          ThrottlingRateLimit: API_THROTTLE.rateLimit,
          ThrottlingBurstLimit: API_THROTTLE.burstLimit,
        }),
      ]),
      TracingEnabled: true,
    });
  });
});

describeLeastPrivilege(() => synth);
describeSecurityKeysAndMail(() => synth);
describeAuditStack(() => synth);
describeImports(() => synth);
describeEventsStack(() => synth);
describeContactExports(() => synth);
describeAnalytics(() => synth);
describeInsights(() => synth);
describeTaskReminders(() => synth);
describeWebStack(() => synth);

describe('cdk-nag (AwsSolutions), run by synthesis', () => {
  it('reports no unacknowledged findings', () => {
    // Prepare
    const report = JSON.parse(readFileSync(join(synth.assembly.directory, 'validation-report.json'), 'utf8')) as {
      pluginReports: { pluginName: string; violations: { ruleName: string; severity: string }[] }[];
    };

    // Act
    const nagFindings = report.pluginReports.flatMap(({ violations }) => violations).filter(({ ruleName }) => ruleName.startsWith('AwsSolutions-'));

    // Assess
    expect(nagFindings).toEqual([]);
    expect(new AwsSolutionsChecks().validateScope(synth.stacks.api.node.root).violations).toEqual([]);
    // A nested stack has no artifact of its own: its constructs' annotations are its parent's (the Api stack's).
    for (const stack of Object.values(synth.stacks).filter((value) => typeof value !== 'string')) {
      expect(Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('AwsSolutions-.*'))).toEqual([]);
    }
  });

  it('records a written reason with every acknowledgement', () => {
    // Prepare
    const acknowledgements = Object.values(synth.allTemplates).flatMap((template) =>
      Object.values(resourcesOf(template)).flatMap(
        (resource) => (resource.Metadata?.cdk_nag?.rules_to_suppress ?? []) as { id: string; reason: string }[],
      ),
    );

    // Assess
    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const { id, reason } of acknowledgements) expect(reason.length, id).toBeGreaterThan(60);
  });
});
