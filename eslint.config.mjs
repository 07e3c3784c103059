// One lint config for the whole monorepo. The import rules below are the architecture:
// proto <- db <- servers; sdk -> proto; web -> sdk; no app imports another app.
// typescript-eslint's no-restricted-imports also covers `import type`, so type imports
// cannot point the wrong way either.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const APPS = ['login-server', 'msg-server', 'file-server', 'web', 'embedded', 'desktop'];

/** Forbid every @parley package except the ones listed. */
function onlyParley(allowed, extra = []) {
  const banned = ['proto', 'db', 'sdk', 'server-kit', 'netshaper', ...APPS].filter(
    (p) => !allowed.includes(p),
  );
  return {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: banned.flatMap((p) => [`@parley/${p}`, `@parley/${p}/*`]),
            message: 'This import breaks the dependency direction (see ARCHITECTURE.md).',
          },
          {
            group: ['**/apps/*', '../../apps/*', '../../../apps/*', '**/packages/*/src/*'],
            message: 'Import other workspaces by package name, never by relative path.',
          },
          ...extra,
        ],
      },
    ],
  };
}

const prismaOnlyInDb = {
  group: ['@prisma/*', 'pg', '@electric-sql/*', 'pglite-prisma-adapter'],
  message: 'Only packages/db talks to the database driver.',
};

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/out/**',
      '**/.next/**',
      '**/.turbo/**',
      '**/src/generated/**',
      '**/next-env.d.ts',
      'data/**',
      '**/test-results/**',
      '**/playwright-report/**',
      '**/release/**',
      'apps/desktop/build/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { attributes: false } },
      ],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'error',
      // Configuration is read and validated once per app (config.ts); nowhere else.
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read configuration through the app config module.',
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  // Where configuration is read, and programs that talk to a terminal.
  {
    files: [
      '**/config.ts',
      '**/env.ts',
      '**/*.config.ts',
      '**/*.test.ts',
      '**/testing/**',
      'bench/**',
      'e2e/**',
    ],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['**/main.ts', '**/cli/**', 'bench/**', 'e2e/**', 'scripts/**'],
    rules: { 'no-console': 'off' },
  },
  { files: ['packages/proto/**'], rules: onlyParley([]) },
  // The test network shaper stands alone: only tests and benchmarks import it.
  { files: ['packages/netshaper/**'], rules: onlyParley([]) },
  { files: ['packages/db/**'], rules: onlyParley(['proto']) },
  { files: ['packages/server-kit/**'], rules: onlyParley(['proto'], [prismaOnlyInDb]) },
  { files: ['packages/sdk/**'], rules: onlyParley(['proto'], [prismaOnlyInDb]) },
  {
    files: ['apps/login-server/**', 'apps/msg-server/**', 'apps/file-server/**'],
    rules: onlyParley(['proto', 'db', 'server-kit'], [prismaOnlyInDb]),
  },
  { files: ['apps/web/**', 'apps/desktop/**'], rules: onlyParley(['sdk'], [prismaOnlyInDb]) },
  {
    // The embedded launcher is the composition root: the one place that wires servers together.
    files: ['apps/embedded/**'],
    rules: onlyParley(
      ['proto', 'db', 'server-kit', 'login-server', 'msg-server', 'file-server'],
      [prismaOnlyInDb],
    ),
  },
  {
    // Integration tests drive a server the way users do: through the SDK (test helpers in
    // src/testing/ too; they are left out of every build).
    files: [
      'apps/login-server/**/*.test.ts',
      'apps/msg-server/**/*.test.ts',
      'apps/file-server/**/*.test.ts',
      'apps/login-server/src/testing/**',
      'apps/msg-server/src/testing/**',
    ],
    rules: onlyParley(['proto', 'db', 'server-kit', 'sdk'], [prismaOnlyInDb]),
  },
  {
    files: [
      'apps/embedded/**/*.test.ts',
      'apps/embedded/src/weak-network/**',
      'apps/embedded/src/**/testing/**',
    ],
    rules: onlyParley(
      [
        'proto',
        'db',
        'server-kit',
        'login-server',
        'msg-server',
        'file-server',
        'sdk',
        'netshaper',
      ],
      [prismaOnlyInDb],
    ),
  },
  { files: ['e2e/**'], rules: onlyParley(['sdk', 'proto'], [prismaOnlyInDb]) },
  {
    // Benchmarks are a composition root too: they start servers and drive them as clients.
    files: ['bench/**'],
    rules: onlyParley(
      [
        'proto',
        'db',
        'server-kit',
        'login-server',
        'msg-server',
        'file-server',
        'sdk',
        'netshaper',
      ],
      [prismaOnlyInDb],
    ),
  },
);
