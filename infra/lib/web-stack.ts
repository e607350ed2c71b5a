import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  FunctionEventType,
  HttpVersion,
  OriginRequestPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { RestApiOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, type CfnBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment } from 'aws-cdk-lib/aws-s3-deployment';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { consoleSource } from './web/console-source';
import { consoleHeadersPolicy } from './web/security-headers';
import { spaRoutingFunction } from './web/spa-routing';

/** The console's own domain: its name and an ACM certificate for it in us-east-1, as CloudFront requires. */
export interface ConsoleDomain {
  name: string;
  certificateArn: string;
}

export interface WebStackProps extends StackProps {
  stage: string;
  /** The REST API, reached through the console's domain under `/v1/*`. */
  api: RestApi;
  /**
   * A folder holding the built console (`index.html` and its assets). When it holds none, the
   * console package is built while the stack is bundled (see `consoleSource`).
   */
  consoleDist: string;
  /** Without it the console is served on the distribution's `*.cloudfront.net` name. */
  domain?: ConsoleDomain;
}

/** The path pattern of the API on the console's domain: every route starts with `/v1`. */
export const API_PATH_PATTERN = '/v1/*';

/** How long CloudFront keeps the console's access logs and the bucket's server access logs. */
export const WEB_LOG_RETENTION_DAYS = 365;

/**
 * The web console in AWS: its files in a private bucket that only this distribution may read
 * (origin access control), served over HTTPS with security headers, the SPA's routes answered with
 * its `index.html`, and the REST API on the same domain (`/v1/*`, never cached, every method, the
 * Authorization header passed on), so the browser makes no cross-origin call and the API needs no CORS.
 */
export class WebStack extends Stack {
  readonly bucket: Bucket;
  readonly logs: Bucket;
  readonly distribution: Distribution;
  readonly deployment: BucketDeployment;
  /** `https://<domain>`: the custom domain when given, else the distribution's own. */
  readonly consoleUrl: string;

  constructor(scope: Construct, id: string, props: WebStackProps) {
    super(scope, id, props);

    this.logs = new Bucket(this, 'Logs', {
      // CloudFront standard logging writes with an ACL, which a bucket owner enforced setting refuses.
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      // Neither log delivery can write to a bucket encrypted with a KMS key of ours without more grants.
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      lifecycleRules: [{ expiration: Duration.days(WEB_LOG_RETENTION_DAYS) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.logs).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This bucket receives the CloudFront access logs and the console bucket server access logs; logging its own access ' +
        'would write a log record for every log delivery, in a loop. Reads of it show in CloudTrail.',
    });

    this.bucket = new Bucket(this, 'Console', {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.logs,
      serverAccessLogsPrefix: 'console-bucket/',
      // Every file is rebuilt from the repository on each deploy; nothing in it needs keeping.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const headers = consoleHeadersPolicy(this, 'SecurityHeaders', props.stage);
    const certificate = props.domain && Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn);
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `Rapport ${props.stage}: web console and API`,
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      // Only a custom certificate takes a security policy; the default *.cloudfront.net one cannot be restricted (see CFR4).
      ...(props.domain && certificate
        ? { domainNames: [props.domain.name], certificate, minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021 }
        : {}),
      enableLogging: true,
      logBucket: this.logs,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        compress: true,
        responseHeadersPolicy: headers,
        functionAssociations: [{ eventType: FunctionEventType.VIEWER_REQUEST, function: spaRoutingFunction(this, 'SpaRouting') }],
      },
      additionalBehaviors: {
        [API_PATH_PATTERN]: {
          // The stage is the origin path: /v1/contacts reaches <api>/<stage>/v1/contacts, over TLS 1.2.
          origin: new RestApiOrigin(props.api),
          // A redirected POST would lose its body: the API answers HTTPS only.
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          // Never cached; with caching disabled the all-viewer policy passes Authorization on. The Host
          // header stays API Gateway's own, which it needs to find the API.
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: headers,
        },
      },
    });
    this.consoleUrl = `https://${props.domain?.name ?? this.distribution.distributionDomainName}`;

    // Its own role and log group rather than CDK's default, which attaches the AWS managed basic execution policy.
    const deployRole = new Role(this, 'DeployRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'Copies the console build into its bucket and invalidates the distribution, during deploys',
    });
    const deployLogs = new LogGroup(this, 'DeployLogs', { retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
    deployLogs.grantWrite(deployRole);
    this.deployment = new BucketDeployment(this, 'Deploy', {
      role: deployRole,
      logGroup: deployLogs,
      sources: [consoleSource(props.consoleDist)],
      destinationBucket: this.bucket,
      // Files of an earlier build that this one no longer has are removed, and the cached ones refreshed.
      prune: true,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 512,
    });

    this.acknowledgeFindings(Boolean(props.domain));

    new CfnOutput(this, 'ConsoleUrl', { value: this.consoleUrl, description: 'The web console (the API answers on the same domain under /v1)' });
    if (!props.domain) new CfnOutput(this, 'DistributionDomain', { value: this.distribution.distributionDomainName });
  }

  private acknowledgeFindings(customDomain: boolean): void {
    const distribution = Validations.of(this.distribution);
    distribution.acknowledge({
      id: 'AwsSolutions-CFR1',
      reason:
        'A CRM is used wherever its customers\' staff travel; the API refuses every request without a valid token of an active ' +
        'member, so restricting countries would block legitimate users and protect nothing the token check does not.',
    });
    distribution.acknowledge({
      id: 'AwsSolutions-CFR2',
      reason:
        'No WAF web ACL yet, as on the API stage (APIG3): the API throttles every method and validates all input, and the ' +
        'console is static files. A WAF with managed rule groups is planned with the custom domain.',
    });
    if (!customDomain) {
      distribution.acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'Without -c consoleDomain/consoleCertificateArn the distribution answers on its *.cloudfront.net name, whose default ' +
          'certificate has a fixed policy; with a custom domain the stack sets TLSv1.2_2021 as the minimum. Browsers negotiate TLS 1.2+ anyway.',
      });
    }
    // The role of the handler BucketDeployment adds: it copies the built console from the CDK asset bucket.
    const deployer = this.node.findChild('DeployRole');
    const why =
      'The handler of CDK BucketDeployment, run only by CloudFormation at deploy time: it reads the console build from the ' +
      'CDK assets bucket, syncs it into the console bucket (objects under its ARN, removing stale files) and invalidates the ' +
      'distribution; CDK generates this role and its policy, and CloudFront invalidations have no narrower resource than *.';
    const deployerFindings = [
      'AwsSolutions-IAM5[Action::s3:GetBucket*]',
      'AwsSolutions-IAM5[Action::s3:GetObject*]',
      'AwsSolutions-IAM5[Action::s3:List*]',
      'AwsSolutions-IAM5[Action::s3:Abort*]',
      'AwsSolutions-IAM5[Action::s3:DeleteObject*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]',
      `AwsSolutions-IAM5[Resource::<${this.getLogicalId(this.bucket.node.defaultChild as CfnBucket)}.Arn>/*]`,
      'AwsSolutions-IAM5[Resource::*]',
    ];
    for (const id of deployerFindings) Validations.of(deployer).acknowledge({ id, reason: why });
    const handler = this.node.children.find((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (!handler) throw new Error('BucketDeployment added no handler function');
    Validations.of(handler).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'The BucketDeployment handler runtime is chosen by aws-cdk-lib (a Python runtime bundled with the AWS CLI layer) and moves with its upgrades; it runs only during deploys.',
    });
  }
}
