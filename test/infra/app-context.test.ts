import { App, Stack } from 'aws-cdk-lib';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { CfnEmailIdentity } from 'aws-cdk-lib/aws-ses';
import { describe, expect, it } from 'vitest';
import { Template } from 'aws-cdk-lib/assertions';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { addRapportStacks, DEFAULT_APP_URL } from '../../infra/lib/rapport-app';
import { ConsoleBuild } from '../../infra/lib/web/console-source';
import { cdkJsonContext, fakeConsoleDist } from './synth-app';

const scratch = mkdtempSync(join(tmpdir(), 'rapport-app-context-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const consoleDist = fakeConsoleDist(join(scratch, 'dist'));

/** Builds the stacks without synthesizing or bundling them: the context is read while constructing. */
const buildWith = (context: Record<string, unknown>) =>
  addRapportStacks(new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [], consoleDist, ...context } }));

const appUrlOf = (api: ReturnType<typeof buildWith>['api']) => {
  const [fn] = api.routes.functions.values();
  return Stack.of(fn!.function).resolve((fn!.function.node.defaultChild as CfnFunction).environment).variables.APP_URL as string;
};

const CERTIFICATE = 'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b';

describe('app context', () => {
  it('takes the mail domain and the console URL from context', () => {
    // Act
    const { identity, api } = buildWith({ mailFromDomain: 'mail.acme.test', appUrl: 'https://crm.acme.test' });

    // Assess
    expect(identity.mail.fromAddress).toBe('no-reply@mail.acme.test');
    expect((identity.mail.identity.node.defaultChild as CfnEmailIdentity).emailIdentity).toBe('mail.acme.test');
    const [fn] = api.routes.functions.values();
    const environment = Stack.of(fn!.function).resolve((fn!.function.node.defaultChild as CfnFunction).environment);
    expect(environment).toMatchObject({ variables: { MAIL_FROM: 'no-reply@mail.acme.test', APP_URL: 'https://crm.acme.test' } });
  });

  it.each([
    [{ mailFromDomain: 'not a domain' }, /mailFromDomain/],
    [{ mailFromDomain: 'Example.COM' }, /mailFromDomain/],
    [{ appUrl: 'http://crm.acme.test' }, /appUrl/],
    [{ appUrl: 'crm.acme.test' }, /appUrl/],
    [{ stage: 'Prod' }, /stage/],
    [{ consoleDomain: 'crm.acme.test' }, /consoleCertificateArn/],
    [{ consoleDomain: 'CRM acme', consoleCertificateArn: CERTIFICATE }, /consoleDomain/],
    [{ consoleDomain: 'crm.acme.test', consoleCertificateArn: CERTIFICATE.replace('us-east-1', 'eu-west-1') }, /us-east-1/],
  ])('refuses %j', (context, message) => {
    // Act
    const act = () => buildWith(context);

    // Assess
    expect(act).toThrow(message);
  });
});

describe('app context: the web console', () => {
  it('serves a custom domain with its certificate, TLS 1.2 at least, SNI only, and takes it as the app URL', () => {
    // Act
    const { web, api } = buildWith({ consoleDomain: 'crm.acme.test', consoleCertificateArn: CERTIFICATE });
    const config = Template.fromStack(web).findResources('AWS::CloudFront::Distribution');

    // Assess
    expect(Object.values(config)[0]?.Properties?.DistributionConfig).toMatchObject({
      Aliases: ['crm.acme.test'],
      ViewerCertificate: { AcmCertificateArn: CERTIFICATE, MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' },
    });
    expect(web.consoleUrl).toBe('https://crm.acme.test');
    expect(appUrlOf(api)).toBe('https://crm.acme.test');
  });

  it('keeps an explicit appUrl over the console domain, and the default without either', () => {
    expect(appUrlOf(buildWith({ consoleDomain: 'crm.acme.test', consoleCertificateArn: CERTIFICATE, appUrl: 'https://app.acme.test' }).api)).toBe('https://app.acme.test');
    expect(appUrlOf(buildWith({}).api)).toBe(DEFAULT_APP_URL);
  });

  it('fails the console build with what is missing when there is no console package to build', () => {
    // Prepare
    const build = new ConsoleBuild(join(scratch, 'no-console-here'));

    // Act
    const act = () => build.tryBundle(join(scratch, 'out'));

    // Assess
    expect(act).toThrow(/web console is not built.*-c consoleDist=/s);
  });
});
