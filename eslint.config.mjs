// ESLint flat config. The import bans carry the architecture: the core never reaches
// Electron, the renderer never reaches Node or Electron, only the preload uses ipcRenderer.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { defineConfig } from 'eslint/config';

const NODE_BUILTINS = ['fs', 'path', 'os', 'child_process', 'net', 'tls', 'http', 'https', 'crypto', 'stream', 'ws'];

export default defineConfig(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    files: ['src-main/**/*.ts', 'scripts/**/*.{ts,cjs,mjs}', 'tests/**/*.ts', '*.config.{ts,mts,cjs,mjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Everything on the main side except the two Electron entry files is Electron-free.
    files: ['src-main/**/*.ts', 'src-shared/**/*.ts'],
    ignores: ['src-main/main.ts', 'src-main/preload.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Core code must run under plain Node: keep Electron in main.ts / preload.ts.' }] },
      ],
    },
  },
  {
    files: ['src-main/main.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', importNames: ['ipcRenderer'], message: 'ipcRenderer belongs to the preload only.' }] },
      ],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer talks to window.sigex only.' },
            ...NODE_BUILTINS.map((name) => ({ name, message: 'No Node in the renderer.' })),
          ],
          patterns: [
            { group: ['node:*'], message: 'No Node in the renderer.' },
            {
              regex: 'src-main/(?!ipc/contract$|core/iin$)',
              message: 'From main, import only the contract (types) and the pure IIN helper.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'require', message: 'No require in the renderer.' }],
    },
  },
  {
    // Plain CommonJS build scripts.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['tests/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.node, ...globals.jest, ...globals.browser } },
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
