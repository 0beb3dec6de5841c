// Frozen: never import app code here, never edit after it has shipped; add a new migration instead.
// The skill-standard catalogue (スキル標準) as versioned data: stable ids in registry tables (what profiles,
// needs and appointments reference), the content of each version in *_revision tables.
import { type Kysely, sql } from 'kysely'

const STABLE_ID = sql`id ~ '^[a-z0-9][a-z0-9-]{1,62}$'`

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('skill_standard_version')
    .addColumn('id', 'uuid', (col) => col.notNull())
    .addColumn('version_no', 'integer', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('change_note', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('based_on_version_id', 'uuid')
    // Bumped by every edit of a draft: publishing checks it, so nobody publishes content they have not seen.
    .addColumn('lock_version', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('created_by', 'uuid')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('published_at', 'timestamptz')
    .addColumn('published_by', 'uuid')
    .addPrimaryKeyConstraint('skill_standard_version_pkey', ['id'])
    .addUniqueConstraint('skill_standard_version_no_unique', ['version_no'])
    .addForeignKeyConstraint('skill_standard_version_based_on_fkey', ['based_on_version_id'], 'skill_standard_version', ['id'])
    .addForeignKeyConstraint('skill_standard_version_created_by_fkey', ['created_by'], 'app_user', ['id'], (fk) => fk.onDelete('set null'))
    .addForeignKeyConstraint('skill_standard_version_published_by_fkey', ['published_by'], 'app_user', ['id'], (fk) => fk.onDelete('set null'))
    .addCheckConstraint('skill_standard_version_status_valid', sql`status in ('draft', 'published', 'archived')`)
    .addCheckConstraint('skill_standard_version_published_has_date', sql`(status = 'draft') = (published_at is null)`)
    .execute()
  // At most one draft and exactly one current published version at a time (the guards behind publish).
  await sql`create unique index skill_standard_one_draft on skill_standard_version (status) where status = 'draft'`.execute(db)
  await sql`create unique index skill_standard_one_published on skill_standard_version (status) where status = 'published'`.execute(db)

  // Registries of stable ids: rows are never deleted (a retired item stays resolvable).
  for (const table of ['skill_area', 'skill', 'standard_role', 'qualification']) {
    await db.schema
      .createTable(table)
      .addColumn('id', 'text', (col) => col.notNull())
      .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
      .addPrimaryKeyConstraint(`${table}_pkey`, ['id'])
      .addCheckConstraint(`${table}_id_format`, STABLE_ID)
      .execute()
  }

  const revisionColumns = (table: string, idColumn: string, registry: string) =>
    db.schema
      .createTable(table)
      .addColumn('version_id', 'uuid', (col) => col.notNull())
      .addColumn(idColumn, 'text', (col) => col.notNull())
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('description', 'text', (col) => col.notNull().defaultTo(''))
      .addColumn('sort_order', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('retired', 'boolean', (col) => col.notNull().defaultTo(false))
      // Row-level optimistic lock for concurrent edits of the same item in a draft.
      .addColumn('lock_version', 'integer', (col) => col.notNull().defaultTo(0))
      .addForeignKeyConstraint(`${table}_version_fkey`, ['version_id'], 'skill_standard_version', ['id'], (fk) => fk.onDelete('cascade'))
      .addForeignKeyConstraint(`${table}_registry_fkey`, [idColumn], registry, ['id'])
      .addPrimaryKeyConstraint(`${table}_pkey`, ['version_id', idColumn])
      .addCheckConstraint(`${table}_name_present`, sql`length(trim(name)) > 0`)

  await revisionColumns('skill_area_revision', 'area_id', 'skill_area').execute()

  await revisionColumns('skill_revision', 'skill_id', 'skill')
    .addColumn('area_id', 'text', (col) => col.notNull())
    // Four strings, levels 1 知識 / 2 実務 / 3 主導 / 4 指導 (the scale is explained on the catalogue page).
    .addColumn('level_descriptors', 'jsonb', (col) => col.notNull())
    // Search terms and synonyms (BPR ↔ 業務改革); expanded in our code, not by Meilisearch.
    .addColumn('synonyms', 'jsonb', (col) => col.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('source', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('ipa_skill', 'text')
    .addForeignKeyConstraint('skill_revision_area_fkey', ['version_id', 'area_id'], 'skill_area_revision', ['version_id', 'area_id'])
    .addCheckConstraint('skill_revision_levels_shape', sql`jsonb_typeof(level_descriptors) = 'array' and jsonb_array_length(level_descriptors) = 4`)
    .addCheckConstraint('skill_revision_synonyms_shape', sql`jsonb_typeof(synonyms) = 'array'`)
    .execute()

  await revisionColumns('role_revision', 'role_id', 'standard_role')
    .addColumn('display_group', 'text')
    .addColumn('duties', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('source', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('internal', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('synonyms', 'jsonb', (col) => col.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('ipa_role', 'text')
    .addColumn('itss_level', 'integer')
    .addCheckConstraint('role_revision_itss_level_range', sql`itss_level is null or itss_level between 1 and 7`)
    .execute()

  await db.schema
    .createTable('role_requirement')
    .addColumn('version_id', 'uuid', (col) => col.notNull())
    .addColumn('role_id', 'text', (col) => col.notNull())
    .addColumn('skill_id', 'text', (col) => col.notNull())
    .addColumn('min_level', 'integer', (col) => col.notNull())
    .addColumn('essential', 'boolean', (col) => col.notNull())
    .addPrimaryKeyConstraint('role_requirement_pkey', ['version_id', 'role_id', 'skill_id'])
    .addForeignKeyConstraint('role_requirement_role_fkey', ['version_id', 'role_id'], 'role_revision', ['version_id', 'role_id'], (fk) => fk.onDelete('cascade'))
    .addForeignKeyConstraint('role_requirement_skill_fkey', ['version_id', 'skill_id'], 'skill_revision', ['version_id', 'skill_id'], (fk) => fk.onDelete('cascade'))
    .addCheckConstraint('role_requirement_level_range', sql`min_level between 1 and 4`)
    .execute()
  // Serves: "which roles need this skill" on the skill page.
  await db.schema.createIndex('role_requirement_skill_idx').on('role_requirement').columns(['version_id', 'skill_id']).execute()

  await revisionColumns('qualification_revision', 'qualification_id', 'qualification')
    .addColumn('category', 'text', (col) => col.notNull())
    .addColumn('issuer', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('itss_level', 'integer')
    .addColumn('synonyms', 'jsonb', (col) => col.notNull().defaultTo(sql`'[]'::jsonb`))
    .addCheckConstraint('qualification_revision_itss_level_range', sql`itss_level is null or itss_level between 1 and 7`)
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'qualification_revision',
    'role_requirement',
    'role_revision',
    'skill_revision',
    'skill_area_revision',
    'qualification',
    'standard_role',
    'skill',
    'skill_area',
    'skill_standard_version',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}
