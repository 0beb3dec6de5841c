// Frozen: never import app code here, never edit after it has shipped; add a new migration instead.
// The reading of a profile's introduction as the search index writes it (katakana, made by the reading
// analyser), kept with a key of the text it was made from. A rebuild of the index reuses it while the
// introduction is the same instead of analysing 100,000 introductions again (most of a rebuild's time).
// Derived data: it goes with the profile, and a missing or stale row only means the analyser reads again.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table profile_search_reading (
    profile_id uuid primary key references profile (id) on delete cascade,
    source_key text not null,
    reading text not null
  )`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table profile_search_reading`.execute(db)
}
