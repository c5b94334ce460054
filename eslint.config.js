// Lint: TypeScript and Svelte, plus the layering rules of DESIGN.md (what each folder may import).
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

/** Modules of db/ that run anywhere (no Node, no SQLite): the only ones the renderer may import at run time. */
const PURE_DB_MODULES = [
  'client.ts',
  'dates.ts',
  'errors.ts',
  'print-options.ts',
  'vocabulary.ts',
  'edit/schemas.ts',
  'files/kinds.ts',
  'exports/dashboard-files.ts',
  'imports/layouts.ts',
];

export default ts.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'tests/artifacts/**'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    // The data core knows nothing of Electron or the renderer.
    files: ['db/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'electron/*'], message: 'db/ never imports Electron.' },
            { group: ['**/renderer/**'], message: 'db/ never imports the renderer.' },
          ],
        },
      ],
    },
  },
  {
    // The renderer sees the core only through the contract's types and the pure shared modules of db/
    // (the client, dates, errors, print options, the vocabulary, the edit forms' schemas).
    files: ['renderer/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'electron/*', 'better-sqlite3', 'node:*'],
              message: 'The renderer runs in Chromium: no Node, no SQLite, no Electron.',
            },
            // '!**/db/*/' re-opens db/'s folders (gitignore rules cannot re-include a file of an excluded folder), so that
            // 'edit/schemas.ts' can be allowed; every other file in them stays restricted by '**/db/**'.
            {
              group: ['**/db/**', '!**/db/*/', ...PURE_DB_MODULES.map((m) => `!**/db/${m}`)],
              allowTypeImports: true,
              message: `The renderer may import from db/ only types and the pure modules: ${PURE_DB_MODULES.join(', ')}.`,
            },
            { group: ['**/electron/**'], message: 'The renderer never imports Electron code.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/preload/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/db/**'],
              allowTypeImports: true,
              message: 'The preload may import only types from db/ (the bridge, the file kinds, the contract).',
            },
          ],
        },
      ],
    },
  },
);
