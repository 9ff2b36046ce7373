import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Process boundaries, enforced rather than promised (see DESIGN.md). */
const noElectron = {
  name: 'electron',
  message: 'Only src/main (wiring) and src/preload may import electron.',
};
const nodeBuiltins = {
  group: ['node:*'],
  message: 'This layer runs in the renderer or both processes: no Node built-ins.',
};
const electronPattern = { group: ['electron', 'electron/*'], message: noElectron.message };

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'bench-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'off',
    },
  },
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            nodeBuiltins,
            electronPattern,
            { group: ['react', 'react-dom'], message: 'shared has no UI.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer'],
    },
  },
  {
    files: ['src/main/services/**', 'src/browser-shell/**', 'test/**', 'bench/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: [electronPattern] }],
    },
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            nodeBuiltins,
            electronPattern,
            {
              group: ['**/main/**', '**/preload/**'],
              message: 'The renderer talks only to window.parley.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require'],
    },
  },
);
