// @ts-check
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import importPlugin from 'eslint-plugin-import';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * bulletproof-react boundaries: features never import each other or the app. Every directory in
 * src/features/ is a feature, so a new one is covered without editing this file.
 */
const features = readdirSync(new URL('./src/features/', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
if (features.length === 0) throw new Error('eslint.config.js: no feature directories in src/features/');

export default tseslint.config(
  { ignores: ['dist', 'target', 'node_modules', 'src/gql'] },
  {
    files: ['**/*.{ts,tsx}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: {
      ecmaVersion: 2022,
      globals: { ...globals.browser, ...globals.node },
    },
    plugins: {
      'react-hooks': reactHooks,
      import: importPlugin,
    },
    settings: {
      'import/resolver': { typescript: { project: './tsconfig.test.json' }, node: true },
    },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'import/no-cycle': 'error',
      'import/no-restricted-paths': [
        'error',
        {
          zones: [
            ...features.map((feature) => ({
              target: `./src/features/${feature}`,
              from: './src/features',
              except: [`./${feature}`],
              message: 'Features never import each other: compose them in src/app.',
            })),
            {
              target: ['./src/features', './src/components', './src/lib'],
              from: './src/app',
              message: 'Only src/app composes; nothing imports from it.',
            },
            {
              target: ['./src/components', './src/lib'],
              from: './src/features',
              message: 'Shared code must not depend on a feature.',
            },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // tests may wire the whole app together
    files: ['src/**/*.test.{ts,tsx}', 'src/test/**'],
    rules: { 'import/no-restricted-paths': 'off' },
  },
);
