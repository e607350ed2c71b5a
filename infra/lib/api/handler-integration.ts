import { AwsIntegration, type IntegrationConfig, type Method } from 'aws-cdk-lib/aws-apigateway';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';

/**
 * Which calls of the API may invoke the function: only the method it is integrated with (one
 * permission per method, its source ARN naming the stage, HTTP method and path), or any method
 * of the API (one permission in all, for the fallback, which every unrouted path reaches anyway).
 */
export type InvokeScope = 'method' | 'api';

/**
 * A Lambda proxy integration whose `AWS::Lambda::Permission` lives beside the function, in its
 * handler stack, instead of beside the method as `LambdaIntegration` puts it. The Api stack then
 * grows by methods and resources only, and each handler stack carries its own functions'
 * permissions. The source ARN is built from the API id (one nested-stack parameter) and the stage
 * name as a literal: referring to the Stage resource would make the stage depend on the methods,
 * the methods on the handler stack and the handler stack on the stage, a cycle.
 */
export class HandlerIntegration extends AwsIntegration {
  constructor(
    private readonly handler: IFunction,
    private readonly stageName: string,
    private readonly invokeScope: InvokeScope,
  ) {
    super({ proxy: true, service: 'lambda', path: `2015-03-31/functions/${handler.functionArn}/invocations` });
  }

  override bind(method: Method): IntegrationConfig {
    const config = super.bind(method);
    const principal = new ServicePrincipal('apigateway.amazonaws.com');
    if (this.invokeScope === 'api') {
      const id = 'ApiPermission.Any';
      if (!this.handler.node.tryFindChild(id)) this.handler.addPermission(id, { principal, sourceArn: method.api.arnForExecuteApi() });
    } else {
      // As Method.methodArn: path parameters become `*`.
      const path = method.resource.path.replace(/\{[^}]+\}/g, '*');
      this.handler.addPermission(`ApiPermission.${method.httpMethod}${method.resource.path.replace(/\//g, '.')}`, {
        principal,
        sourceArn: method.api.arnForExecuteApi(method.httpMethod, path, this.stageName),
      });
    }
    return config;
  }
}
