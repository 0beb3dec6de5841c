import { type Kysely, sql } from 'kysely'

/**
 * The connection from which test databases are created and dropped: the database DATABASE_URL names (CI
 * creates a fresh one). The template and per-file clones live beside it on the same server.
 */
export function adminUrlFor(url: string): string {
  return new URL(url).toString()
}

export function quoteIdent(name: string): string {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unsafe database name: ${name}`)
  return `"${name}"`
}

export async function dropDatabase(admin: Kysely<any>, name: string): Promise<void> {
  await sql.raw(`drop database if exists ${quoteIdent(name)} with (force)`).execute(admin)
}
