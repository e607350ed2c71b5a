import { AssetHashType, DockerImage, type ILocalBundling } from 'aws-cdk-lib';
import { Source, type ISource } from 'aws-cdk-lib/aws-s3-deployment';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../paths';

/** The console package, built by Vite into its `dist` folder. */
export const CONSOLE_PACKAGE = join(REPO_ROOT, 'packages', 'console');

/** Where the built console is looked for when the `consoleDist` context value is not given. */
export const DEFAULT_CONSOLE_DIST = join(CONSOLE_PACKAGE, 'dist');

/** Whether a folder holds a built single-page app (its entry point at least). */
export const isBuiltConsole = (dir: string): boolean => existsSync(join(dir, 'index.html'));

/**
 * Builds the console package in place (`npm run build` in `packages/console`) and copies its `dist`
 * into the asset, on this machine, never in Docker. It runs only when the web stack is bundled
 * (`cdk deploy`, a full `cdk synth`), not for stacks synthesized `--exclusively` without it.
 */
export class ConsoleBuild implements ILocalBundling {
  constructor(private readonly packageDir: string = CONSOLE_PACKAGE) {}

  tryBundle(outputDir: string): boolean {
    if (!existsSync(join(this.packageDir, 'package.json'))) {
      throw new Error(
        `The web console is not built and cannot be: there is no ${join(this.packageDir, 'package.json')}. ` +
          'Build it first, or point the web stack at a built console with -c consoleDist=<folder holding index.html>.',
      );
    }
    try {
      execFileSync('npm', ['run', 'build'], { cwd: this.packageDir, stdio: 'pipe', env: process.env });
    } catch (error) {
      const output = error instanceof Error && 'stderr' in error ? String((error as { stderr: unknown }).stderr) : '';
      throw new Error(`Building the web console (npm run build in ${this.packageDir}) failed:\n${output}`, { cause: error });
    }
    const dist = join(this.packageDir, 'dist');
    if (!isBuiltConsole(dist)) throw new Error(`The web console build wrote no ${join(dist, 'index.html')}`);
    cpSync(dist, outputDir, { recursive: true });
    return true;
  }
}

/**
 * The files the console bucket receives: the given folder when it holds a built console, else the
 * console built at bundling time. The hash is the output's, so an unchanged build deploys nothing.
 */
export function consoleSource(dist: string): ISource {
  if (isBuiltConsole(dist)) return Source.asset(dist);
  // The local build reads the package in place; the asset's own source folder only names it.
  const sourcePath = existsSync(CONSOLE_PACKAGE) ? CONSOLE_PACKAGE : import.meta.dirname;
  return Source.asset(sourcePath, {
    assetHashType: AssetHashType.OUTPUT,
    exclude: ['node_modules', 'dist'],
    bundling: {
      local: new ConsoleBuild(),
      // Never used: the local build either succeeds or throws with what is missing.
      image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:24-slim'),
    },
  });
}
