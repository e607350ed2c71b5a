import { CfnTable } from 'aws-cdk-lib/aws-dynamodb';
import { describe, expect, it } from 'vitest';
import type { RapportStacks } from '../../infra/lib/rapport-app';
import { synthesizeApp } from './synth-app';

/** Asset bundling does not matter here; skipping it keeps this file fast. */
const WITHOUT_BUNDLING = { 'aws:cdk:bundling-stacks': [] };

describe('cdk-nag wiring', () => {
  it('fails synthesis on an unacknowledged AwsSolutions finding', () => {
    // Prepare
    const addUnprotectedTable = ({ data }: RapportStacks) => {
      new CfnTable(data, 'UnprotectedTable', {
        keySchema: [{ attributeName: 'pk', keyType: 'HASH' }],
        attributeDefinitions: [{ attributeName: 'pk', attributeType: 'S' }],
        billingMode: 'PAY_PER_REQUEST',
      });
    };

    // Act
    const act = () => synthesizeApp(WITHOUT_BUNDLING, addUnprotectedTable);

    // Assess
    expect(act).toThrow(/AwsSolutions-DDB3/);
  });

  it('fails synthesis on an unacknowledged finding inside a nested handler stack', () => {
    // Prepare: the same unprotected table, in the contacts handlers' nested stack.
    const addUnprotectedTable = ({ api }: RapportStacks) => {
      const contacts = api.routes.handlerStacks.all.get('contacts');
      if (!contacts) throw new Error('No contacts handler stack');
      new CfnTable(contacts, 'UnprotectedTable', {
        keySchema: [{ attributeName: 'pk', keyType: 'HASH' }],
        attributeDefinitions: [{ attributeName: 'pk', attributeType: 'S' }],
        billingMode: 'PAY_PER_REQUEST',
      });
    };

    // Act
    const act = () => synthesizeApp(WITHOUT_BUNDLING, addUnprotectedTable);

    // Assess
    expect(act).toThrow(/AwsSolutions-DDB3/);
  });

  it('synthesizes the unchanged app, whose findings are all acknowledged', () => {
    // Act
    const synth = synthesizeApp(WITHOUT_BUNDLING);

    // Assess
    expect(synth.stacks.stage).toBe('dev');
    expect(synth.assembly.stacks.map(({ stackName }) => stackName).sort()).toEqual(['Rapport-dev-Analytics', 'Rapport-dev-Api', 'Rapport-dev-Audit', 'Rapport-dev-Data', 'Rapport-dev-Events', 'Rapport-dev-Identity', 'Rapport-dev-Web']);
    synth.cleanUp();
  });
});
