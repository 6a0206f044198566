// ESLint for the whole repository: Next's rules (React, hooks, a11y, Core Web Vitals) and
// typescript-eslint's type-checked rules, which catch what tsc does not: promises left floating
// in a server with background work, promises passed where a callback's result is ignored, `any`.
import nextCoreWebVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';
import tseslint from 'typescript-eslint';

// The React, hooks and a11y rules of Next's config, for turning them off where no React is. The
// hooks rules analyse every function with the React Compiler: over the server's ~500 modules
// that was a fifth of the lint's time, for code that holds no component and no hook.
const reactRulesOff = Object.fromEntries(
  [...new Set(nextCoreWebVitals.flatMap((c) => Object.keys(c.rules ?? {})))]
    .filter((rule) => /^(react|react-hooks|jsx-a11y)\//.test(rule))
    .map((rule) => [rule, 'off']),
);

export default tseslint.config(
  {
    ignores: ['.next/**', '.next-*/**', '.data/**', 'test-results/**', 'playwright-report/**', 'demo-output/**', 'public/**', 'next-env.d.ts'],
  },
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    files: ['**/*.{ts,tsx,mts}'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/no-unused-expressions': 'error',
      // A `let` that a callback reads before its one assignment (a handle filled in later).
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // Services, providers and stores are factories returning closures (STYLE.md), not classes:
      // nothing of ours reads `this`, so passing `deps.log` or `io.err` along is safe.
      '@typescript-eslint/unbound-method': 'off',
      // An implementation of a Promise-returning interface is `async` even where it awaits
      // nothing, so that a throw inside it becomes a rejection instead of a synchronous throw.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['**/*.{ts,mts,mjs}'],
    ignores: ['app/**', 'components/**'],
    rules: reactRulesOff,
  },
  {
    files: ['**/*.test.{ts,tsx}', 'tests/**', 'e2e/**'],
    rules: {
      // Vitest's asymmetric matchers (expect.stringContaining, expect.any, expect.objectContaining)
      // are typed `any` by design; a test compares what it reads, so these only flag matchers.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
);
