import { Tags, Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ApiStack } from './api-stack';
import { AuditStack } from './audit-stack';
import { DataStack } from './data-stack';
import { EventsStack } from './events-stack';
import { IdentityStack } from './identity-stack';
import { AnalyticsStack } from './analytics-stack';
import { DEFAULT_CONSOLE_DIST } from './web/console-source';
import { WebStack, type ConsoleDomain } from './web-stack';

export interface RapportStacks {
  stage: string;
  data: DataStack;
  identity: IdentityStack;
  audit: AuditStack;
  events: EventsStack;
  api: ApiStack;
  analytics: AnalyticsStack;
  web: WebStack;
}

/** The stage deployed when the `stage` context value is not given (`cdk synth -c stage=prod`). */
export const DEFAULT_STAGE = 'dev';

/**
 * The domain mail is sent from (`no-reply@<domain>`) when the `mailFromDomain` context value is not
 * given (`cdk deploy -c mailFromDomain=mail.example.org`). SES sends only once the domain's DKIM
 * records, which the identity stack outputs, are published.
 */
export const DEFAULT_MAIL_FROM_DOMAIN = 'example.com';

/**
 * The web console's URL, for links in mail, when neither the `appUrl` nor the `consoleDomain` context
 * value is given (`-c appUrl=https://…`). It cannot default to the distribution's own URL: the web
 * stack needs the API (its `/v1/*` origin) and the API would need the web stack (APP_URL), a cycle.
 * Without a custom domain, deploy once and deploy again with `-c appUrl=<the ConsoleUrl output>`.
 */
export const DEFAULT_APP_URL = 'https://app.example.com';

const DOMAIN_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/**
 * The console's custom domain from context (`-c consoleDomain=crm.example.com -c
 * consoleCertificateArn=arn:aws:acm:us-east-1:…`): both or neither.
 */
function consoleDomainOf(app: App): ConsoleDomain | undefined {
  const name = app.node.tryGetContext('consoleDomain') as string | undefined;
  const certificateArn = app.node.tryGetContext('consoleCertificateArn') as string | undefined;
  if (name === undefined && certificateArn === undefined) return undefined;
  if (!name || !DOMAIN_NAME.test(String(name))) throw new Error(`Invalid consoleDomain "${name ?? ''}": a lower-case domain name such as crm.example.com`);
  if (!certificateArn || !/^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[\w-]+$/.test(String(certificateArn))) {
    throw new Error(`Invalid consoleCertificateArn "${certificateArn ?? ''}": the ARN of an ACM certificate in us-east-1 (CloudFront's region) for ${name}`);
  }
  return { name: String(name), certificateArn: String(certificateArn) };
}

/**
 * Adds one environment of Rapport to the app: the data, identity, audit, events, API, analytics and web stacks, checked by cdk-nag's
 * AWS Solutions rules during synthesis (unacknowledged findings fail it). The stacks are
 * environment-agnostic and look nothing up, so synthesis needs no credentials, network or Docker.
 * The tests build the app through this function too, so they check exactly what is deployed.
 */
export function addRapportStacks(app: App): RapportStacks {
  const stage = String(app.node.tryGetContext('stage') ?? DEFAULT_STAGE);
  if (!/^[a-z][a-z0-9-]{0,19}$/.test(stage)) throw new Error(`Invalid stage name "${stage}": lower-case letters, digits and dashes`);
  const mailFromDomain = String(app.node.tryGetContext('mailFromDomain') ?? DEFAULT_MAIL_FROM_DOMAIN);
  if (!DOMAIN_NAME.test(mailFromDomain)) {
    throw new Error(`Invalid mailFromDomain "${mailFromDomain}": a lower-case domain name such as mail.example.com`);
  }
  const domain = consoleDomainOf(app);
  const appUrl = String(app.node.tryGetContext('appUrl') ?? (domain ? `https://${domain.name}` : DEFAULT_APP_URL));
  if (!URL.canParse(appUrl) || new URL(appUrl).protocol !== 'https:') throw new Error(`Invalid appUrl "${appUrl}": an https URL such as https://app.example.com`);
  const prefix = `Rapport-${stage}`;

  const data = new DataStack(app, `${prefix}-Data`, { stage, description: `Rapport ${stage}: the single DynamoDB table and its keys` });
  const identity = new IdentityStack(app, `${prefix}-Identity`, {
    stage,
    mailFromDomain,
    description: `Rapport ${stage}: the Cognito user pool and the mail identity`,
  });
  const audit = new AuditStack(app, `${prefix}-Audit`, {
    stage,
    table: data.table,
    description: `Rapport ${stage}: the write-once audit archive, its digests and Athena over it`,
  });
  const events = new EventsStack(app, `${prefix}-Events`, {
    stage,
    table: data.table,
    fieldKey: data.fieldKey,
    description: `Rapport ${stage}: the domain event bus and signed webhook deliveries with retries`,
  });
  const api = new ApiStack(app, `${prefix}-Api`, {
    stage,
    description: `Rapport ${stage}: the REST API and its Lambda handlers`,
    table: data.table,
    fieldKey: data.fieldKey,
    userPool: identity.userPool,
    userPoolClient: identity.userPoolClient,
    mail: identity.mail,
    audit,
    appUrl,
  });

  const analytics = new AnalyticsStack(app, `${prefix}-Analytics`, {
    stage,
    table: data.table,
    description: `Rapport ${stage}: the CRM numbers, projected from the table stream`,
  });

  const web = new WebStack(app, `${prefix}-Web`, {
    stage,
    api: api.api,
    consoleDist: String(app.node.tryGetContext('consoleDist') ?? DEFAULT_CONSOLE_DIST),
    ...(domain ? { domain } : {}),
    description: `Rapport ${stage}: the web console on CloudFront, with the API on the same domain`,
  });

  Tags.of(app).add('application', 'rapport');
  Tags.of(app).add('stage', stage);
  // Acknowledgements are also written into each resource's template metadata, an audit trail beside the resource.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { writeSuppressionsToCloudFormation: true }));
  return { stage, data, identity, audit, events, api, analytics, web };
}
