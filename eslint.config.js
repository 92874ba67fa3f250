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
  ...tseslint.configs.recommendedTypeChecked.map((config) => ({ ...config, files: SOURCES })),
  {
    files: SOURCES,
    rules: {
      // Stores are async by contract (TrustStore), also where an implementation happens not to await.
      '@typescript-eslint/require-await': 'off',
      // It calls casts on generic messaging signatures unnecessary that tsc needs.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
    },
  },
  {
    files: ['scripts/**/*.mjs', 'node/**/*.mjs', '*.config.*'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
