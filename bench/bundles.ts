import { allHandlers } from '@rapport/http';
import { build } from 'esbuild';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { HANDLER_ESBUILD_OPTIONS } from '../infra/lib/api/bundling';

export interface BundleSize {
  handler: string;
  bytes: number;
  gzipBytes: number;
}

/** Bundles every handler with the options the CDK api stack uses, in memory, and measures it. */
export async function measureBundles(functionsDir: string): Promise<BundleSize[]> {
  const sizes: BundleSize[] = [];
  for (const handler of allHandlers()) {
    const result = await build({
      ...HANDLER_ESBUILD_OPTIONS,
      entryPoints: [join(functionsDir, `${handler}.ts`)],
      bundle: true,
      platform: 'node',
      write: false,
      outfile: 'index.mjs',
      sourcemap: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles!.find((file) => file.path.endsWith('.mjs'))!.contents;
    sizes.push({ handler, bytes: code.byteLength, gzipBytes: gzipSync(code).byteLength });
  }
  return sizes;
}
