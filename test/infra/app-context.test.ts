import { App, Stack } from 'aws-cdk-lib';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { CfnEmailIdentity } from 'aws-cdk-lib/aws-ses';
import { describe, expect, it } from 'vitest';
import { addRapportStacks } from '../../infra/lib/rapport-app';
import { cdkJsonContext } from './synth-app';

/** Builds the stacks without synthesizing or bundling them: the context is read while constructing. */
const buildWith = (context: Record<string, unknown>) =>
  addRapportStacks(new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [], ...context } }));

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
  ])('refuses %j', (context, message) => {
    // Act
    const act = () => buildWith(context);

    // Assess
    expect(act).toThrow(message);
  });
});
