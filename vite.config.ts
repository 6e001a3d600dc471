import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build, type Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const EMBED_PAGES = resolve(import.meta.dirname, 'src/embed/pages');

/**
 * The embeddable demos (src/embed), built after the sandbox into the same output directory as
 * separate, self-contained scripts, so the sandbox's chunks and manifest stay as they are:
 * kvrocks-lab.js (defines <kvrocks-lab>) and demo.js, each one IIFE with no global names, and
 * kvrocks-lab-graph.js (Cytoscape and the graph adapter), an ES module the element imports when
 * its graph first comes into view. Svelte's component styles are injected at run time into each element's shadow root
 * (css: 'injected'), and the version marker Svelte puts on window is left out. The pages
 * (embed.html for iframes, demo.html) are copied from src/embed/pages.
 */
function embedBuild(): Plugin {
  let outDir = 'dist';
  let sourcemap: boolean | 'inline' | 'hidden' = true;
  return {
    name: 'kvlab-embed',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
      sourcemap = config.build.sourcemap;
    },
    async closeBundle() {
      for (const [entry, file, format] of [
        ['src/embed/main.ts', 'kvrocks-lab.js', 'iife'],
        ['src/embed/graph-view.ts', 'kvrocks-lab-graph.js', 'es'],
        ['src/embed/demo.ts', 'demo.js', 'iife'],
      ] as const) {
        await build({
          configFile: false,
          root: import.meta.dirname,
          logLevel: 'warn',
          publicDir: false,
          // The graph is a separate file here, loaded when an element's graph comes into view.
          resolve: { alias: [{ find: /^.*\/graph-source\.ts$/, replacement: resolve(import.meta.dirname, 'src/embed/graph-source.remote.ts') }] },
          plugins: [svelte({ emitCss: false, compilerOptions: { css: 'injected', discloseVersion: false } })],
          build: {
            outDir,
            emptyOutDir: false,
            target: 'es2022',
            sourcemap,
            manifest: false,
            modulePreload: false,
            // Cytoscape alone is ~420 kB minified (kvrocks-lab-graph.js).
            chunkSizeWarningLimit: 600,
            rolldownOptions: {
              input: resolve(import.meta.dirname, entry),
              // An ES module keeps its exports and has no top-level names in the page either.
              ...(format === 'es' ? { preserveEntrySignatures: 'exports-only' as const } : {}),
              output: { format, entryFileNames: file, codeSplitting: false },
            },
          },
        });
      }
      for (const name of readdirSync(EMBED_PAGES)) copyFileSync(join(EMBED_PAGES, name), join(outDir, name));
    },
  };
}

/**
 * `npm start` (the dev server) serves the embed pages too: demo.html, embed.html and
 * embed-frame.js from src/embed/pages, their classic scripts swapped for the module entries (a
 * module runs after the element is defined, so embed-frame.js is inlined as one as well).
 */
function embedPagesInDev(): Plugin {
  const entries: Record<string, string> = {
    './kvrocks-lab.js': './src/embed/main.ts',
    './demo.js': './src/embed/demo.ts',
  };
  return {
    name: 'kvlab-embed-pages-dev',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '').split(/[?#]/)[0]!.replace(server.config.base.replace(/\/$/, ''), '');
        const page = /^\/(demo\.html|embed\.html|embed-frame\.js)$/.exec(path)?.[1];
        if (page === undefined) return next();
        const source = readFileSync(join(EMBED_PAGES, page), 'utf8');
        if (page.endsWith('.js')) {
          res.setHeader('Content-Type', 'text/javascript');
          res.end(source);
          return;
        }
        const html = source.replace(/<script src="(\.\/[\w-]+\.js)"><\/script>/g, (tag, src: string) => {
          if (entries[src]) return `<script type="module" src="${entries[src]}"></script>`;
          if (src === './embed-frame.js') return `<script type="module">\n${readFileSync(join(EMBED_PAGES, 'embed-frame.js'), 'utf8')}</script>`;
          return tag;
        });
        server
          .transformIndexHtml(req.url ?? `/${page}`, html)
          .then((out) => {
            res.setHeader('Content-Type', 'text/html');
            res.end(out);
          })
          .catch(next);
      });
    },
  };
}

export default defineConfig({
  // Relative URLs: the build works under any subpath (https://example.org/docs/kvlab/).
  base: './',
  plugins: [svelte(), embedBuild(), embedPagesInDev()],
  server: { host: '127.0.0.1', port: 5173, strictPort: false },
  preview: { host: '127.0.0.1' },
  build: { target: 'es2022', sourcemap: true },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
