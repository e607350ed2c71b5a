import { Tags, Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ApiStack } from './api-stack';
import { DataStack } from './data-stack';
import { IdentityStack } from './identity-stack';

export interface RapportStacks {
  stage: string;
  data: DataStack;
  identity: IdentityStack;
  api: ApiStack;
}

/** The stage deployed when the `stage` context value is not given (`cdk synth -c stage=prod`). */
export const DEFAULT_STAGE = 'dev';

/**
 * Adds one environment of Rapport to the app: the data, identity and API stacks, checked by cdk-nag's
 * AWS Solutions rules during synthesis (unacknowledged findings fail it). The stacks are
 * environment-agnostic and look nothing up, so synthesis needs no credentials, network or Docker.
 * The tests build the app through this function too, so they check exactly what is deployed.
 */
export function addRapportStacks(app: App): RapportStacks {
  const stage = String(app.node.tryGetContext('stage') ?? DEFAULT_STAGE);
  if (!/^[a-z][a-z0-9-]{0,19}$/.test(stage)) throw new Error(`Invalid stage name "${stage}": lower-case letters, digits and dashes`);
  const prefix = `Rapport-${stage}`;

  const data = new DataStack(app, `${prefix}-Data`, { stage, description: `Rapport ${stage}: the single DynamoDB table and its key` });
  const identity = new IdentityStack(app, `${prefix}-Identity`, { stage, description: `Rapport ${stage}: the Cognito user pool` });
  const api = new ApiStack(app, `${prefix}-Api`, {
    stage,
    description: `Rapport ${stage}: the REST API and its Lambda handlers`,
    table: data.table,
    userPool: identity.userPool,
    userPoolClient: identity.userPoolClient,
  });

  Tags.of(app).add('application', 'rapport');
  Tags.of(app).add('stage', stage);
  // Acknowledgements are also written into each resource's template metadata, an audit trail beside the resource.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { writeSuppressionsToCloudFormation: true }));
  return { stage, data, identity, api };
}
