import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Type-aware linting. Product code takes typescript-eslint's recommendedTypeChecked set; tests, which
// read JSON of known shape all day, keep the rules that find real bugs (promises, type imports) and
// leave out the no-unsafe-* family.
const SOURCES = ['core/**/*.ts', 'node/**/*.ts', 'utils/**/*.ts', 'entrypoints/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}'];

export default tseslint.config(
  { ignores: ['.output/', '.wxt/', 'dist/', 'node_modules/', 'tmp/', 'plugin/bin/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  ...tseslint.configs.strictTypeChecked.map((config) => ({ ...config, files: SOURCES })),
  {
    files: SOURCES,
    rules: {
      // Stores are async by contract (TrustStore), also where an implementation happens not to await.
      '@typescript-eslint/require-await': 'off',
      // It calls casts on generic messaging signatures unnecessary that tsc needs.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      // strictTypeChecked, less one rule and two relaxed ones. `!` stays allowed: with
      // noUncheckedIndexedAccess, hot loops index arrays whose bounds they know, and a check there
      // would cost time and say nothing.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Numbers and booleans read fine in messages.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      // `() => void call()` is no clearer than `() => call()` for a listener.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
    },
  },
  {
    // One rule for import paths: relative and `@/` imports name the file with its extension, as
    // Node's ESM resolution (which runs node/ and the published core) requires.
    files: ['**/*.{ts,tsx}'],
    rules: {
      'no-duplicate-imports': 'error',
      'no-restricted-syntax': ['error', ...['ImportDeclaration', 'ExportNamedDeclaration', 'ExportAllDeclaration', 'ImportExpression'].map((node) => ({
        selector: `${node} > Literal.source[value=/^(\\.{1,2}|@)\\//]:not([value=/\\.(m?js|css|json)$/])`,
        message: 'Name the imported file with its extension (.js for TypeScript sources).',
      }))],
    },
  },
  {
    // The core's public entry is its API: the extension and the Node side never reach past it.
    files: ['node/**/*.ts', 'utils/**/*.ts', 'entrypoints/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/core/**', '!**/core/index.js'], message: 'Import the core through core/index.js.' }],
      }],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'node/**/*.mjs', '*.config.*'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
