// ESLint flat config. The boundary rule: only server modules (app/**/*.server.ts) may import db/, search/,
// jobs/ or seeds/, because the classic Remix compiler keeps only those out of the browser bundle.
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const serverOnlyFolders = ['db', 'search', 'jobs', 'seeds']
const serverOnlyPatterns = serverOnlyFolders.flatMap((folder) => [
  `**/${folder}/*`,
  `**/${folder}/**`,
  `~/../${folder}/**`,
])

export default tseslint.config(
  {
    ignores: ['node_modules', 'build', 'public/build', '.cache', '.data', '.test-data', '.test-results'],
  },
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Frozen migrations and a few library seams take Kysely<any> by design.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['app/**/*.{ts,tsx}'],
    ignores: ['app/**/*.server.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: serverOnlyPatterns,
              // db/schema.ts and db/local-government-code.ts are pure and type-only safe; everything else is not.
              allowTypeImports: true,
              message:
                'db/, search/, jobs/, seeds/ はサーバー専用です。app/**/*.server.ts（models）経由で使ってください。',
            },
          ],
        },
      ],
    },
  },
)
