// Lint: type-aware typescript-eslint, one-way layers (shared <- main, shared <- renderer, never
// main <-> renderer), no import cycles, no unsanitised DOM sinks, no .only/.skip in tests.
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import noUnsanitized from 'eslint-plugin-no-unsanitized';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'test/.output/', '**/*.d.ts', '**/*.d.mts'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: [
            'vitest.config.ts',
            'vite.config.ts',
            '*.js',
            '*.mjs',
            'main/cli/*.mjs',
            'main/toolchain/*.mjs',
            'main/hosts/*.mjs',
            'test/bench/*.mjs',
            'test/fixtures/workers/*.mjs',
          ],
          // The build scripts and configs above are a dozen small files, not a slow project.
          maximumDefaultProjectFileMatchCount_THIS_WILL_SLOW_DOWN_LINTING: 20,
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { 'import-x': importX, 'no-unsanitized': noUnsanitized },
    settings: {
      'import-x/resolver-next': [
        createNodeResolver({ extensions: ['.ts', '.tsx', '.mjs', '.js', '.json'] }),
      ],
    },
    rules: {
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './shared',
              from: ['./main', './renderer', './test'],
              message: 'shared/ runs everywhere: it imports only shared/.',
            },
            {
              target: './renderer',
              from: './main',
              message: 'renderer/ talks to main/ only through the IPC contract in shared/.',
            },
            { target: './main', from: './renderer', message: 'main/ never imports renderer/.' },
          ],
        },
      ],
      'no-restricted-imports': 'off',
      'no-unsanitized/method': 'error',
      'no-unsanitized/property': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/consistent-type-imports': 'error',
      // Arrow shorthands returning a call are the idiom for event handlers.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // Leaving fields out by destructuring the rest is how an object is narrowed here.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    files: ['renderer/**/*.tsx', 'renderer/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // shared/ has no platform: no Node builtins, no Electron, no React, and natural only by submodule.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^node:', message: 'shared/ must not use Node builtins.' },
            {
              group: [
                'electron',
                'react',
                'react-dom',
                'fs',
                'path',
                'os',
                'crypto',
                'worker_threads',
                'child_process',
              ],
              message: 'shared/ has no platform.',
            },
            {
              regex: '^natural$',
              message: "natural's index loads database clients; import its submodules.",
            },
            {
              regex: '^pdfjs-dist',
              message:
                'shared/ holds pdf.js options, not pdf.js: the loaders live in main/ and renderer/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['main/**/*.ts', 'renderer/**/*.ts', 'renderer/**/*.tsx', 'test/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^natural$',
              message: "natural's index loads database clients; import its submodules.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'it', property: 'only', message: 'A focused test skips the rest of the suite.' },
        { object: 'it', property: 'skip', message: 'A skipped test cannot fail.' },
        {
          object: 'describe',
          property: 'only',
          message: 'A focused test skips the rest of the suite.',
        },
        { object: 'describe', property: 'skip', message: 'A skipped test cannot fail.' },
        {
          object: 'test',
          property: 'only',
          message: 'A focused test skips the rest of the suite.',
        },
        { object: 'test', property: 'skip', message: 'A skipped test cannot fail.' },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
