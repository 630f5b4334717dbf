// Lint really runs: typescript-eslint's type-aware recommended rules over src, bench and test.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'samples/**', '.tmp/**', 'bench/out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: { allowDefaultProject: ['eslint.config.js', 'bin/*.js'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-control-regex': 'off',
      'eqeqeq': ['error', 'smart'],
    },
  },
  // The browser pages' module: DOM globals, no Node.
  { files: ['web/**/*.ts'], languageOptions: { globals: { ...globals.browser } } },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
);
