import 'vitest'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The one real Meilisearch of this test run (started by tests/setup/global-setup.ts). */
    meili: { url: string; apiKey: string }
    /** How to get a migrated, seeded database: a PGlite dump file or a PostgreSQL template database. */
    testDatabase:
      { kind: 'pglite'; templatePath: string } | { kind: 'postgres'; adminUrl: string; templateName: string }
    /** The e2e server's base URL (tests/e2e only). */
    baseUrl: string
    /** The e2e server's DATA_DIR (its demo-logins.json holds the demo passwords). */
    e2eDataDir: string
  }
}
