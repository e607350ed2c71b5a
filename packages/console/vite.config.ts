import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * The console loads the domain's browser entry (its zod schemas); a Node built-in reached from
 * there would be silently stubbed by Vite, so the build refuses it instead.
 */
function noNodeBuiltins(): Plugin {
  return {
    name: 'rapport:no-node-builtins',
    enforce: 'pre',
    resolveId(id, importer) {
      if (id.startsWith('node:')) throw new Error(`${importer ?? 'the console'} imports ${id}, which a browser cannot load`);
      return null;
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), noNodeBuiltins()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The manifest lists the entry chunk and its static imports: the size report reads it.
    manifest: true,
    reportCompressedSize: false,
  },
  // `npx vite` in this folder serves the console with hot reload against the API of `npm start`.
  server: { port: 5173, proxy: { '/v1': 'http://localhost:3000' } },
});
