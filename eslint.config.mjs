import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import { wingsPlugin } from './tools/eslint/wings.mjs';

const nodeBuiltins = [
  'assert',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'https',
  'module',
  'net',
  'os',
  'path',
  'perf_hooks',
  'process',
  'readline',
  'stream',
  'timers',
  'tls',
  'url',
  'util',
  'v8',
  'vm',
  'worker_threads',
  'zlib',
];

// DOM and Node globals that pure code must not reach for.
const impureGlobals = [
  'window',
  'document',
  'navigator',
  'localStorage',
  'sessionStorage',
  'location',
  'HTMLElement',
  'fetch',
  'XMLHttpRequest',
  'WebSocket',
  'process',
  'Buffer',
  'require',
  '__dirname',
  '__filename',
  'global',
  'setImmediate',
].map((name) => ({
  name,
  message: 'src-shared is pure: pass this in from src-main or src-renderer.',
}));

const electronOnlyInShell = {
  name: 'electron',
  message:
    'Only the Electron shell (src-main/electron) may import electron; the lab core runs without it.',
};

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'e2e-artifacts/**',
      'resources/**',
      'bench/results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-imports': ['error', { paths: [electronOnlyInShell] }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    // The bin entry and npm scripts are CommonJS so they run before (and without) a build.
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src-shared/**/*.ts'],
    ignores: ['src-shared/**/*.test.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            electronOnlyInShell,
            ...nodeBuiltins.map((name) => ({
              name,
              message: 'src-shared is pure: no Node built-ins.',
            })),
          ],
          patterns: [
            { group: ['node:*'], message: 'src-shared is pure: no Node built-ins.' },
            {
              group: ['**/src-main/**', '**/src-renderer/**'],
              message: 'src-shared imports nothing outside src-shared.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', ...impureGlobals],
    },
  },
  {
    files: ['src-renderer/**/*.ts', 'src-renderer/**/*.svelte'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInShell],
          patterns: [
            {
              group: ['**/src-main/**', '**/src-main'],
              message: 'The renderer reaches the core only through LabApi (lib/api.ts).',
            },
            { group: ['node:*'], message: 'The renderer runs in a sandbox: no Node built-ins.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/electron/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // The walls between src-main's wings and the TF.js-free lab (tools/eslint/wings.mjs).
    files: ['src-main/**/*.ts'],
    plugins: { local: wingsPlugin },
    rules: { 'local/wing-imports': 'error' },
  },
);
