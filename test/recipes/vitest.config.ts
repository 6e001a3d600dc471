// The docs-site recipes (docs/embed.md) built with real site generators from the npm registry:
// slow (an npm install each), so not part of the default `vitest run`; `npm run test:recipes`
// runs them, and test/run-all.mjs does when KVLAB_RECIPES=1 (.ci/run sets it).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/recipes/**/*.recipe.ts'],
    environment: 'node',
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
