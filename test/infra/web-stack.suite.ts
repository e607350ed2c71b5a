import { describe, expect, it } from 'vitest';
import { API_PATH_PATTERN, WEB_LOG_RETENTION_DAYS } from '../../infra/lib/web-stack';
import { CONSOLE_CSP, HSTS_MAX_AGE } from '../../infra/lib/web/security-headers';
import { SPA_ROUTING_CODE } from '../../infra/lib/web/spa-routing';
import type { SharedSynth } from './app-queries';
import { asList, logicalIdOf, refersTo, resourcesOf, type CfnResource, type PolicyStatement } from './template-queries';

/** CloudFront's managed policies, by the ids CloudFormation knows them by. */
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const CACHING_OPTIMIZED = '658327ea-f89d-4fab-a63d-7e88639e58f6';
const ALL_VIEWER_EXCEPT_HOST_HEADER = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

/** Runs the SPA routing function's own code, as CloudFront would on a viewer request. */
function routedUri(uri: string): string {
  const handler = new Function(`${SPA_ROUTING_CODE}; return handler;`)() as (event: unknown) => { uri: string };
  return handler({ request: { uri, method: 'GET', querystring: {}, headers: {} } }).uri;
}

/** The web stack: the console's private bucket behind CloudFront, with the API on the same domain. */
export function describeWebStack(synth: SharedSynth): void {
  const resources = (type: string) => resourcesOf(synth().templates.web, type);
  const one = (type: string): CfnResource => {
    const found = Object.values(resources(type));
    expect(found, type).toHaveLength(1);
    return found[0]!;
  };
  const config = () => one('AWS::CloudFront::Distribution').Properties!.DistributionConfig;
  const ids = () => ({ bucket: logicalIdOf(synth().stacks.web.bucket), logs: logicalIdOf(synth().stacks.web.logs) });
  const bucketPolicy = (bucketId: string) =>
    asList<PolicyStatement>(
      Object.values(resources('AWS::S3::BucketPolicy')).find(({ Properties }) => refersTo(Properties?.Bucket, bucketId))?.Properties?.PolicyDocument.Statement ?? [],
    );

  describe('web stack: the console bucket', () => {
    it('is private, encrypted, TLS-only, and logs its server access', () => {
      // Act
      const bucket = resources('AWS::S3::Bucket')[ids().bucket];
      const statements = bucketPolicy(ids().bucket);

      // Assess
      expect(bucket?.Properties?.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
      expect(bucket?.Properties?.BucketEncryption).toEqual({ ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] });
      expect(bucket?.Properties?.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
      expect(bucket?.Properties?.WebsiteConfiguration).toBeUndefined();
      expect(statements.some(({ Effect, Condition }) => Effect === 'Deny' && Condition?.Bool?.['aws:SecureTransport'] === 'false')).toBe(true);
      expect(bucket?.Properties?.LoggingConfiguration?.DestinationBucketName).toEqual({ Ref: ids().logs });
    });

    it('lets only this distribution read it, through origin access control (no origin access identity)', () => {
      // Prepare
      const [oac] = Object.entries(resources('AWS::CloudFront::OriginAccessControl'));
      const distributionId = Object.keys(resources('AWS::CloudFront::Distribution'))[0]!;

      // Act
      const allows = bucketPolicy(ids().bucket).filter(({ Effect }) => Effect === 'Allow');
      const s3Origin = config().Origins.find((origin: { DomainName: unknown }) => refersTo(origin.DomainName, ids().bucket));

      // Assess
      expect(oac?.[1].Properties?.OriginAccessControlConfig).toMatchObject({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' });
      expect(s3Origin.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [oac![0], 'Id'] });
      expect(s3Origin.S3OriginConfig.OriginAccessIdentity).toBe('');
      expect(resources('AWS::CloudFront::CloudFrontOriginAccessIdentity')).toEqual({});
      expect(allows).toHaveLength(1);
      expect(allows[0]).toMatchObject({ Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject' });
      expect(JSON.stringify(allows[0]!.Condition?.StringEquals?.['AWS:SourceArn'])).toContain(distributionId);
    });

    it('receives the built console through a BucketDeployment that prunes old files and invalidates the cache', () => {
      // Act
      const deployment = one('Custom::CDKBucketDeployment');

      // Assess
      expect(deployment.Properties).toMatchObject({ Prune: true, DistributionPaths: ['/*'] });
      expect(refersTo(deployment.Properties?.DestinationBucketName, ids().bucket)).toBe(true);
      expect(refersTo(deployment.Properties?.DistributionId, Object.keys(resources('AWS::CloudFront::Distribution'))[0]!)).toBe(true);
    });
  });

  describe('web stack: the distribution', () => {
    it('adds CSP, HSTS with subdomains, nosniff, DENY framing and a strict referrer to every answer', () => {
      // Act
      const headers = one('AWS::CloudFront::ResponseHeadersPolicy').Properties!.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
      const csp = Object.fromEntries(
        (headers.ContentSecurityPolicy.ContentSecurityPolicy as string).split('; ').map((directive) => {
          const [name, ...sources] = directive.split(' ');
          return [name, sources.join(' ')];
        }),
      );

      // Assess
      expect(csp).toEqual(CONSOLE_CSP);
      expect(csp).toMatchObject({
        'default-src': "'self'",
        'connect-src': "'self'",
        'frame-ancestors': "'none'",
        'object-src': "'none'",
        'base-uri': "'self'",
        'script-src': "'self'",
      });
      expect(headers.StrictTransportSecurity).toEqual({ AccessControlMaxAgeSec: HSTS_MAX_AGE.toSeconds(), IncludeSubdomains: true, Preload: true, Override: true });
      expect(HSTS_MAX_AGE.toDays()).toBeGreaterThanOrEqual(365);
      expect(headers.ContentTypeOptions).toEqual({ Override: true });
      expect(headers.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
      expect(headers.ReferrerPolicy).toEqual({ ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true });
      const policyId = Object.keys(resources('AWS::CloudFront::ResponseHeadersPolicy'))[0]!;
      expect(config().DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual({ Ref: policyId });
      expect(config().CacheBehaviors.every(({ ResponseHeadersPolicyId }: { ResponseHeadersPolicyId: unknown }) => refersTo(ResponseHeadersPolicyId, policyId))).toBe(true);
    });

    it('redirects http to https for the console, serves the API over https only, and reaches both origins over TLS 1.2', () => {
      // Act
      const apiOrigin = config().Origins.find((origin: { CustomOriginConfig?: unknown }) => origin.CustomOriginConfig);

      // Assess
      expect(config().DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
      expect(config().CacheBehaviors.map(({ ViewerProtocolPolicy }: { ViewerProtocolPolicy: string }) => ViewerProtocolPolicy)).toEqual(['https-only']);
      expect(apiOrigin.CustomOriginConfig).toEqual({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
      expect(config().HttpVersion).toBe('http2and3');
    });

    it('sends /v1/* to the API stage: every method, never cached, all viewer headers (Authorization included) but Host', () => {
      // Act
      const [api] = config().CacheBehaviors;
      const apiOrigin = config().Origins.find(({ Id }: { Id: string }) => Id === api.TargetOriginId);

      // Assess
      expect(config().CacheBehaviors).toHaveLength(1);
      expect(api).toMatchObject({
        PathPattern: API_PATH_PATTERN,
        AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
        CachePolicyId: CACHING_DISABLED,
        OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_HEADER,
      });
      expect(API_PATH_PATTERN).toBe('/v1/*');
      expect(JSON.stringify(apiOrigin.DomainName)).toContain('.execute-api.');
      // The stage is the origin path, so /v1/contacts reaches <stage>/v1/contacts.
      expect(JSON.stringify(apiOrigin.OriginPath)).toContain('DeploymentStage');
    });

    it('serves the console cached and compressed, from index.html at the root', () => {
      expect(config().DefaultRootObject).toBe('index.html');
      expect(config().DefaultCacheBehavior).toMatchObject({ CachePolicyId: CACHING_OPTIMIZED, Compress: true, AllowedMethods: ['GET', 'HEAD'] });
    });

    it("answers the app's routes with index.html on the console behaviour only, leaving the API's errors alone", () => {
      // Act
      const [association] = config().DefaultCacheBehavior.FunctionAssociations;
      const fn = Object.entries(resources('AWS::CloudFront::Function'));

      // Assess
      expect(fn).toHaveLength(1);
      expect(association).toEqual({ EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [fn[0]![0], 'FunctionARN'] } });
      expect(fn[0]![1].Properties).toMatchObject({ FunctionCode: SPA_ROUTING_CODE, FunctionConfig: { Runtime: 'cloudfront-js-2.0' } });
      expect(routedUri('/users')).toBe('/index.html');
      expect(routedUri('/roles/r-1/edit')).toBe('/index.html');
      expect(routedUri('/accept-invite')).toBe('/index.html');
      expect(routedUri('/')).toBe('/index.html');
      expect(routedUri('/assets/app-3f2a.js')).toBe('/assets/app-3f2a.js');
      expect(routedUri('/favicon.ico')).toBe('/favicon.ico');
      // Distribution-wide error pages would also rewrite the API's 403 and 404.
      expect(config().CustomErrorResponses).toBeUndefined();
      expect(config().CacheBehaviors[0].FunctionAssociations).toBeUndefined();
    });

    it('logs every viewer request to a private, TLS-only log bucket kept a year', () => {
      // Act
      const logs = resources('AWS::S3::Bucket')[ids().logs];

      // Assess
      expect(config().Logging).toEqual({ Bucket: { 'Fn::GetAtt': [ids().logs, 'RegionalDomainName'] }, Prefix: 'cloudfront/' });
      expect(logs?.Properties?.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
      expect(logs?.Properties?.LifecycleConfiguration?.Rules).toEqual([{ ExpirationInDays: WEB_LOG_RETENTION_DAYS, Status: 'Enabled' }]);
      expect(bucketPolicy(ids().logs).some(({ Effect, Condition }) => Effect === 'Deny' && Condition?.Bool?.['aws:SecureTransport'] === 'false')).toBe(true);
    });

    it('outputs the console URL', () => {
      // Act
      const outputs = synth().templates.web.toJSON().Outputs as Record<string, { Value: unknown }>;

      // Assess
      expect(outputs.ConsoleUrl?.Value).toEqual({ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [Object.keys(resources('AWS::CloudFront::Distribution'))[0], 'DomainName'] }]] });
    });
  });
}
