// Lint: the recommended JS and typed TS rules, plus a guard that keeps chat SDKs and
// process.env out of the core (the design's one hard boundary), and one that opens SQLite only
// through the driver that suits the running Node.
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
    // better-sqlite3 12 aborts on Node 24, 13 segfaults on Node 20: the driver picks one (its types are fine anywhere).
    files: ['**/*.ts'],
    ignores: ['src/core/store/sqlite-driver.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [
          { name: 'better-sqlite3', allowTypeImports: true, message: 'Open SQLite with SqliteDatabase from src/core/store/sqlite-driver.ts (it picks the build that works on this Node).' },
          { name: 'better-sqlite3-napi', allowTypeImports: true, message: 'Open SQLite with SqliteDatabase from src/core/store/sqlite-driver.ts.' },
        ],
      }],
    },
  },
  {
    files: ['bin/**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
