import { Duration } from 'aws-cdk-lib';
import { HeadersFrameOption, HeadersReferrerPolicy, ResponseHeadersPolicy } from 'aws-cdk-lib/aws-cloudfront';
import type { Construct } from 'constructs';

/**
 * The console's Content-Security-Policy: a React single-page app whose scripts, styles, fonts and
 * images come from its own origin and which calls only its own API, reached on the same domain
 * (`/v1/*`). Inline styles are allowed because the component library sets element styles at run
 * time; inline and remote scripts are not. No frames, plugins, foreign forms or `<base>` tricks.
 */
export const CONSOLE_CSP: Readonly<Record<string, string>> = {
  'default-src': "'self'",
  'script-src': "'self'",
  'style-src': "'self' 'unsafe-inline'",
  'img-src': "'self' data:",
  'font-src': "'self'",
  'connect-src': "'self'",
  'frame-ancestors': "'none'",
  'object-src': "'none'",
  'base-uri': "'self'",
  'form-action': "'self'",
};

/** The policy as the header's value: `directive sources; …`. */
export const contentSecurityPolicy = (): string =>
  Object.entries(CONSOLE_CSP)
    .map(([directive, sources]) => `${directive} ${sources}`)
    .join('; ');

/** Two years, the value the HSTS preload list asks for. */
export const HSTS_MAX_AGE = Duration.days(730);

/**
 * The security headers CloudFront adds to every answer of the console's domain, the API's
 * included (overriding what an origin sends): CSP, HSTS with subdomains, no MIME sniffing, no
 * framing, and a referrer that leaves the origin only as the origin itself.
 */
export function consoleHeadersPolicy(scope: Construct, id: string, stage: string): ResponseHeadersPolicy {
  return new ResponseHeadersPolicy(scope, id, {
    responseHeadersPolicyName: `rapport-${stage}-console`,
    comment: 'Rapport console: CSP, HSTS, nosniff, no framing, strict referrer',
    securityHeadersBehavior: {
      contentSecurityPolicy: { contentSecurityPolicy: contentSecurityPolicy(), override: true },
      strictTransportSecurity: { accessControlMaxAge: HSTS_MAX_AGE, includeSubdomains: true, preload: true, override: true },
      contentTypeOptions: { override: true },
      frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
      referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
    },
  });
}
