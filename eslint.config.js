// Lint: TypeScript and Svelte, plus the layering rules of DESIGN.md, by folder: a folder says where its code runs.
//   db/common/   runs anywhere (Node and Chromium): no Node, no SQLite, and only types from the rest of db/
//   db/          the data core: Node only, never Electron nor the renderer; an area (db/<area>/) never imports the joined contract
//   renderer/    Chromium only: from db/ it takes types, and code from db/common/ alone
//   electron/    the shell; its preload takes only types from db/
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

/** fflate's Node entry declares a top-level `require`, which clashes with the bundler's ESM shim: the main bundle then fails to parse. */
const FFLATE_NODE_ENTRY = { name: 'fflate', message: "Import 'fflate/browser': the Node entry breaks the main process bundle." };

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
          paths: [FFLATE_NODE_ENTRY],
        },
      ],
    },
  },
  {
    // An area types its handlers from its own contract (HandlersOf, db/area.ts): the joined contract, the joined handlers
    // and the hosts are built from the areas, never the other way round.
    files: ['db/*/**'],
    ignores: ['db/common/**', 'db/http-host/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'electron/*'], message: 'db/ never imports Electron.' },
            { group: ['**/renderer/**'], message: 'db/ never imports the renderer.' },
            {
              group: ['../contract.ts', '../service.ts', '../areas.ts', '../dispatch.ts', '../session.ts', '../host-binding.ts'],
              message:
                'An area knows its own contract only (HandlersOf in db/area.ts); the joined contract and handlers are built from the areas.',
            },
          ],
          paths: [FFLATE_NODE_ENTRY],
        },
      ],
    },
  },
  {
    files: ['db/common/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'better-sqlite3', 'electron', 'electron/*'],
              message: 'db/common/ runs in Chromium too: no Node, no SQLite.',
            },
            { group: ['../*', '../**'], allowTypeImports: true, message: 'db/common/ takes only types from the rest of db/.' },
            { group: ['**/renderer/**'], message: 'db/ never imports the renderer.' },
          ],
          paths: [FFLATE_NODE_ENTRY],
        },
      ],
    },
  },
  {
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
            // gitignore rules cannot re-include a file whose folder is excluded, so db/'s folders are excluded one by one
            // and db/common/ is re-included with everything in it.
            {
              group: ['**/db/*', '**/db/*/**', '!**/db/common', '!**/db/common/**'],
              allowTypeImports: true,
              message: 'The renderer may import from db/ only types, and code from db/common/ (which runs anywhere).',
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
