import path from 'node:path';
import process from 'node:process';
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

/**
 * The layer rule: a relative import is resolved against the importing file, and the src/ folder it lands
 * in is its layer. (A glob over the import text cannot tell src/jobs from src/services/jobs.)
 */
const downwardOnly = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    const from = path.relative(process.cwd(), context.filename).split(path.sep);
    if (from[0] !== 'src') return {};
    const layer = from[1];
    const check = (node) => {
      const spec = node.source && node.source.value;
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = path
        .relative(process.cwd(), path.resolve(path.dirname(context.filename), spec))
        .split(path.sep);
      if (target[0] !== 'src' || !(forbidden[layer] ?? []).includes(target[1])) return;
      context.report({
        node: node.source,
        message: `src/${layer} must not import src/${target[1]}: layers import downward only (see docs/architecture.md).`,
      });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

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
  {
    files: layers.map((layer) => `src/${layer}/**/*.ts`),
    plugins: { layers: { rules: { 'downward-only': downwardOnly } } },
    rules: { 'layers/downward-only': 'error' },
  },
  {
    // The dashboard talks to the server only over HTTP, through the one typed client (src/http/client.ts,
    // which holds no server code); besides it, it may borrow domain types, never code.
    files: ['web/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)src/(?!domain/|http/client\\.js$)',
              message:
                'web/ must not import src/ (only the typed client src/http/client.ts and src/domain types).',
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
