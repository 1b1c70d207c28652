import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Layers import downward only: cli|http|jobs -> ingest -> services -> store -> domain.
// cli is also the composition root of `serve`, so it may start the http app and the jobs.
const layers = ['domain', 'store', 'services', 'ingest', 'http', 'cli', 'jobs'];
const forbidden = {
  domain: ['store', 'services', 'ingest', 'http', 'cli', 'jobs'],
  store: ['services', 'ingest', 'http', 'cli', 'jobs'],
  services: ['ingest', 'http', 'cli', 'jobs'],
  ingest: ['http', 'cli', 'jobs'],
  http: ['cli', 'jobs', 'store'],
  jobs: ['cli', 'http', 'store'],
  cli: ['store'],
};

function layerRule(layer) {
  return {
    files: [`src/${layer}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: forbidden[layer].map((target) => ({
            group: [`**/${target}/**`, `../${target}`, `../../${target}`],
            message: `src/${layer} must not import src/${target}: layers import downward only (see STYLE.md).`,
          })),
        },
      ],
    },
  };
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'bin/**', 'test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { URL: 'readonly', console: 'readonly', process: 'readonly' } },
  },
  ...layers.map(layerRule),
  {
    // The dashboard talks to the server only over HTTP: it may borrow domain types, never code.
    files: ['web/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)src/(?!domain/)',
              message: 'web/ must not import src/ (only type imports of src/domain types).',
            },
            {
              group: ['**/src/domain/**'],
              allowTypeImports: true,
              message: 'web/ may import src/domain types only (import type), never its code.',
            },
          ],
        },
      ],
    },
  },
);
