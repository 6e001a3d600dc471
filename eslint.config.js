// Lint: TypeScript rules everywhere, and the purity fence around the deterministic core
// (design §4): engine/, kvrocks/, machines/, lab/ get no DOM, no Svelte or Cytoscape, no wall
// clock, no Math.random and no timers; the clock and the RNG are injected.
import tseslint from 'typescript-eslint';

const PURE = ['src/engine/**/*.ts', 'src/protocol/**/*.ts', 'src/kvrocks/**/*.ts', 'src/machines/**/*.ts', 'src/lab/**/*.ts'];

const impure = (name, why) => ({ name, message: `${why}: the core is deterministic; inject it instead` });

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: PURE,
    rules: {
      'no-restricted-globals': [
        'error',
        impure('window', 'DOM'),
        impure('document', 'DOM'),
        impure('navigator', 'DOM'),
        impure('localStorage', 'DOM'),
        impure('performance', 'wall clock'),
        impure('setTimeout', 'timer'),
        impure('setInterval', 'timer'),
        impure('setImmediate', 'timer'),
        impure('requestAnimationFrame', 'timer'),
        impure('queueMicrotask', 'timer'),
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'wall clock: use the simulated clock' },
        { object: 'Math', property: 'random', message: 'unseeded randomness: use engine/rng.ts' },
        { object: 'performance', property: 'now', message: 'wall clock: use the simulated clock' },
        { object: 'globalThis', property: 'setTimeout', message: 'timer: use the simulated clock' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date']", message: 'wall clock: use the simulated clock' },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['svelte', 'svelte/*', 'cytoscape', 'cytoscape-*'], message: 'UI libraries belong in src/ui' },
            { group: ['**/ui/*', '**/embed/*', '**/cli/*', 'node:*', 'fs', 'path'], message: 'the core may not import the faces or Node built-ins' },
          ],
        },
      ],
    },
  },
  {
    // protocol/ (wire messages, replies, WAL batches, slots) sits below kvrocks/ and machines/.
    files: ['src/protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/kvrocks/*', '**/machines/*', '**/lab/*', '**/ui/*', '**/embed/*', '**/cli/*', 'svelte', 'svelte/*', 'cytoscape', 'cytoscape-*', 'node:*', 'fs', 'path'], message: 'protocol/ may import only engine/' }] },
      ],
    },
  },
  {
    // The machines speak protocol/; Kvrocks semantics (kvrocks/) drive them through their io.
    files: ['src/machines/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/kvrocks/*', '**/lab/*', '**/ui/*', '**/embed/*', '**/cli/*', 'svelte', 'svelte/*', 'cytoscape', 'cytoscape-*', 'node:*', 'fs', 'path'], message: 'machines/ import protocol/ and engine/ only' }] },
      ],
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/kvrocks/*', '**/machines/*', '**/lab/*', '**/ui/*', 'svelte', 'cytoscape'], message: 'engine/ is the bottom layer' }] },
      ],
    },
  },
);
