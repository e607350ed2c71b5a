import { LogLevel, OutputFormat, SourceMapMode, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BuildOptions } from 'esbuild';

/** Some CommonJS dependencies of the AWS SDK call `require`, which an ES module does not have. */
const CREATE_REQUIRE_BANNER = "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";
const TARGET = 'node24';
const MAIN_FIELDS = ['module', 'main'];

/**
 * How every handler is bundled, as esbuild options, for tools that bundle outside CDK (the bundle
 * size benchmark); `handlerBundling` gives CDK the same settings.
 *
 * Nothing is external, the AWS SDK included: a function then runs the exact SDK version the lock
 * file pins and the tests ran, not whichever one the Lambda runtime ships that week, and esbuild
 * keeps only the commands the handler uses.
 */
export const HANDLER_ESBUILD_OPTIONS = {
  format: 'esm',
  target: TARGET,
  minify: true,
  mainFields: [...MAIN_FIELDS],
  banner: { js: CREATE_REQUIRE_BANNER },
  external: [],
} satisfies BuildOptions;

/** The NodejsFunction bundling of every handler: the options above, run by the local esbuild, never Docker. */
export function handlerBundling(): BundlingOptions {
  return {
    forceDockerBundling: false,
    format: OutputFormat.ESM,
    target: HANDLER_ESBUILD_OPTIONS.target,
    minify: HANDLER_ESBUILD_OPTIONS.minify,
    mainFields: [...HANDLER_ESBUILD_OPTIONS.mainFields],
    banner: HANDLER_ESBUILD_OPTIONS.banner.js,
    externalModules: [...HANDLER_ESBUILD_OPTIONS.external],
    // Source maps stay beside the bundle; NODE_OPTIONS=--enable-source-maps makes stack traces point at the
    // TypeScript. Mappings suffice for that, so the sources themselves are left out of the asset.
    sourceMap: true,
    sourceMapMode: SourceMapMode.DEFAULT,
    sourcesContent: false,
    logLevel: LogLevel.WARNING,
  };
}
