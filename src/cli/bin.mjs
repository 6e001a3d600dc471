#!/usr/bin/env node
// The `kvlab` command: runs the JavaScript that `npm run build` (or `prepare`, which `npm ci` and
// `npm pack` run) builds from src/cli into dist/cli/kvlab.mjs. Nothing is compiled at start-up.
import { existsSync } from 'node:fs';

const built = new URL('../../dist/cli/kvlab.mjs', import.meta.url);
if (!existsSync(built)) {
  process.stderr.write('kvlab: dist/cli/kvlab.mjs is missing: run `npm run build:cli` (or `npm ci`, which builds it)\n');
  process.exit(2);
}
await import(built.href);
