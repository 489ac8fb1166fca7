// Lint for the loader, admin components, worker, tools and JS tests
// (`make lint`). Type errors are tsc's job (tsconfig.json).
import js from '@eslint/js';
import globals from 'globals';

export default [
  { ignores: ['node_modules/**'] },
  js.configs.recommended,
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.worker, ...globals.node, __VERSION__: 'readonly', __UI_LANG__: 'readonly' },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
];
