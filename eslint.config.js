// Lint: the recommended JS and typed TS rules, plus a guard that keeps chat SDKs and
// process.env out of the core (the design's one hard boundary).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'dist/**', 'coverage/**', 'scratch/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // Input checks match control characters on purpose, to refuse binary data.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['src/core/**/*.ts', 'commands/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['@slack/*', 'discord.js', '@discordjs/*'], message: 'Core and commands never import a chat SDK.' },
          { group: ['**/adapters/**'], message: 'Core and commands never import adapters.' },
        ],
      }],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Only src/config.ts reads the environment.' }],
    },
  },
  {
    files: ['bin/**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
