import type { BuildOptions } from 'esbuild';

/** Some CommonJS dependencies (middy's, Powertools') call `require`, which an ES module does not have. */
const CREATE_REQUIRE_BANNER = "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

/**
 * Provided by the Lambda nodejs24.x runtime, so left out of every bundle (as CDK's NodejsFunction
 * does by default on that runtime). The runtime's SDK v3 (3.9xx at the runtime's launch, updated by
 * AWS since) has every client and option we use; the newest of them, the S3 client's
 * `requestChecksumCalculation` (imports' upload URLs), dates from 3.729.
 */
export const PROVIDED_BY_RUNTIME = ['@aws-sdk/*', '@smithy/*'];

/**
 * Used only locally, so left out of every bundle and never loaded in AWS: nodemailer composes the
 * `.eml` files of the local mailer (`FileMailer`, chosen by MAIL_DIRECTORY, which the CDK app never
 * sets); SES composes the messages it sends.
 */
export const LOCAL_ONLY = ['nodemailer'];

/**
 * How every handler is bundled, as esbuild options: by the CDK app (`handler-bundles.ts`) and by the
 * bundle size benchmark, so both measure and ship the same thing. `module` before `main` picks the
 * ES module builds, which esbuild tree-shakes.
 */
export const HANDLER_ESBUILD_OPTIONS = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  minify: true,
  treeShaking: true,
  mainFields: ['module', 'main'],
  banner: { js: CREATE_REQUIRE_BANNER },
  external: [...PROVIDED_BY_RUNTIME, ...LOCAL_ONLY],
  legalComments: 'none',
} satisfies BuildOptions;
