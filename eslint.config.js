import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The layers of docs/architecture.md, bottom to top: contract/ (the API's
 * shapes), domain/ and db/, then data-loaders/, then server/; scripts/, bench/
 * and tests/ sit on top and may use everything. The client is built apart and
 * reaches nothing of the server side but the types of contract/. A layer never
 * imports one above it.
 */
const layer = (files, forbidden) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: forbidden.map((dir) => ({
          group: [`**/${dir}/*`, `**/${dir}/**`],
          message: `The layers run one way (docs/architecture.md): this folder may not import from ${dir}/.`,
        })),
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.data/', '.cache/', 'test-output/', 'client/public/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name=/^(it|describe|test)$/][callee.property.name='only']",
          message: 'Focused tests must not be committed.',
        },
      ],
    },
  },
  // The API contract imports zod and nothing of the project: the server and the client both read it.
  layer(['contract/**/*.ts'], ['domain', 'db', 'data-loaders', 'server', 'client', 'scripts', 'bench', 'tests']),
  layer(['domain/**/*.ts'], ['db', 'data-loaders', 'server', 'client', 'scripts', 'bench', 'tests']),
  layer(['db/**/*.ts'], ['domain', 'data-loaders', 'server', 'client', 'scripts', 'bench', 'tests']),
  layer(['data-loaders/**/*.ts'], ['server', 'client', 'scripts', 'bench', 'tests']),
  layer(['server/**/*.ts'], ['client', 'scripts', 'bench', 'tests']),
  layer(['client/**/*.ts', 'client/**/*.tsx'], ['db', 'domain', 'data-loaders', 'server', 'scripts', 'bench', 'tests']),
  {
    // The client reads the API's shapes from contract/ as types only: zod stays out of the browser bundle.
    files: ['client/**/*.ts', 'client/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/contract/*', '**/contract/**'],
              allowTypeImports: true,
              message: 'The client imports only types from contract/ (import type), never its zod schemas.',
            },
          ],
        },
      ],
    },
  },
);
