// Frozen: never import app code here, never edit after it has shipped; add a new migration instead.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('local_government')
    .addColumn('code', 'char(6)', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('name_kana', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('prefecture_code', 'char(2)', (col) => col.notNull())
    .addColumn('active', 'boolean', (col) => col.notNull().defaultTo(true))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('local_government_pkey', ['code'])
    .addCheckConstraint('local_government_code_format', sql`code ~ '^[0-9]{6}$'`)
    .addCheckConstraint('local_government_prefecture_code_matches', sql`substr(code, 1, 2) = prefecture_code`)
    .addCheckConstraint(
      'local_government_kind_valid',
      sql`kind in ('prefecture', 'designated_city', 'city', 'special_ward', 'town', 'village')`,
    )
    .execute()

  // Serves: listing a prefecture's municipalities (body page, pickers filtered by prefecture).
  await db.schema
    .createIndex('local_government_prefecture_idx')
    .on('local_government')
    .columns(['prefecture_code', 'kind'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('local_government').execute()
}
