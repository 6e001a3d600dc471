// The package as a user installs it (issue 12 point 5): `npm pack` builds everything (prepack),
// so it rewrites dist/ and cannot run beside the other tests; test/run-all.mjs runs it after them,
// and `npm run test:pack` on its own.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/pack/**/*.pack.ts'],
    environment: 'node',
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
