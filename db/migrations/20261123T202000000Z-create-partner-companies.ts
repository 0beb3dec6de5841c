// Frozen: never import app code here, never edit after it has shipped; add a new migration instead.
// Partner companies (人材プールの候補となる企業): the national list the ministry keeps; prefectures read it.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('partner_company')
    .addColumn('id', 'uuid', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('name_kana', 'text', (col) => col.notNull().defaultTo(''))
    // 法人番号: 13 digits (the first a check digit), optional.
    .addColumn('corporate_number', 'char(13)')
    .addColumn('contact_name', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('contact_email', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('contact_phone', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('website', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('note', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('active', 'boolean', (col) => col.notNull().defaultTo(true))
    .addColumn('lock_version', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('partner_company_pkey', ['id'])
    .addCheckConstraint('partner_company_name_present', sql`length(trim(name)) > 0`)
    .addCheckConstraint('partner_company_corporate_number_format', sql`corporate_number is null or corporate_number ~ '^[0-9]{13}$'`)
    .execute()
  // One company per 法人番号 (the friendly message comes from the model; this is the guard).
  await sql`create unique index partner_company_corporate_number_unique on partner_company (corporate_number) where corporate_number is not null`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('partner_company').execute()
}
