import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test/vectors/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': [
        'error',
        { 'ts-ignore': 'allow-with-description', 'ts-expect-error': 'allow-with-description' },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', importNames: ['ipcMain'], message: 'Only electron/main/bind-ipc.ts touches ipcMain.' },
            { name: 'electron', importNames: ['ipcRenderer'], message: 'Only electron/preload touches ipcRenderer.' },
          ],
        },
      ],
    },
  },
  {
    // The core runs in a worker, in the CLI and in tests: it must never depend on Electron.
    files: ['electron/core/**/*.ts', 'electron/cli/**/*.ts', 'electron/worker/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'electron/*'], message: 'electron/core, cli and worker must not import Electron.' },
          ],
        },
      ],
    },
  },
  {
    // electron/common is used by the renderer and the core alike: plain TypeScript with nothing from either side,
    // and nothing from outside the folder (which is flat: only `./` imports stay inside it).
    files: ['electron/common/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^node:', message: 'electron/common is pure TypeScript: no Node modules.' },
            { regex: '^electron(/|$)', message: 'electron/common is pure TypeScript: no Electron.' },
            {
              regex: '^(?!\\./)',
              message: 'electron/common imports only its own files (./name): no packages, no relative path out of it.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...['Buffer', 'process', 'require', 'module', '__dirname', '__filename', 'global', 'setImmediate'].map(
          (name) => ({ name, message: 'electron/common is pure TypeScript: no Node globals.' }),
        ),
        ...['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location', 'fetch'].map((name) => ({
          name,
          message: 'electron/common is pure TypeScript: no DOM.',
        })),
      ],
    },
  },
  {
    files: ['electron/main/bind-ipc.ts', 'electron/preload/**/*.ts', 'test/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Regexes, not gitignore groups: the group 'electron' also matched any path through the electron/ folder,
      // which refused the renderer its contract types (electron/ipc).
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer reaches the vault only through window.locket.' }],
          patterns: [
            { regex: '^node:', message: 'The renderer reaches the vault only through window.locket.' },
            {
              regex: '(^|/)electron/(core|main|worker|cli|preload)(/|$)',
              message:
                'The renderer reaches the vault only through window.locket; it may import only electron/ipc and electron/common.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['bin/**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
