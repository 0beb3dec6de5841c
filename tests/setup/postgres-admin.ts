import { type Kysely, sql } from 'kysely'

/** The maintenance database on the same server as `url`: we create and drop test databases from there. */
export function adminUrlFor(url: string): string {
  const parsed = new URL(url)
  parsed.pathname = '/postgres'
  return parsed.toString()
}

export function quoteIdent(name: string): string {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unsafe database name: ${name}`)
  return `"${name}"`
}

export async function dropDatabase(admin: Kysely<any>, name: string): Promise<void> {
  await sql.raw(`drop database if exists ${quoteIdent(name)} with (force)`).execute(admin)
}
