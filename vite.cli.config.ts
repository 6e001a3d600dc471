/**
 * The `kvlab` command built for Node: one ES module, dist/cli/kvlab.mjs, with the engine and its
 * dependencies bundled in and Node's own modules left as imports. `npm run build` and `prepare`
 * run it, so the installed command starts without compiling TypeScript.
 */
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  publicDir: false,
  logLevel: 'warn',
  build: {
    ssr: resolve(import.meta.dirname, 'src/cli/node-entry.ts'),
    outDir: resolve(import.meta.dirname, 'dist/cli'),
    emptyOutDir: true,
    target: 'node20',
    sourcemap: false,
    minify: false,
    rolldownOptions: {
      output: { format: 'es', entryFileNames: 'kvlab.mjs', codeSplitting: false },
    },
  },
  // Bundle every dependency: the built command needs nothing from node_modules.
  ssr: { noExternal: true, target: 'node' },
});
