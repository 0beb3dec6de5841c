// Frozen: never import app code here, never edit after it has shipped; add a new migration instead.
// Municipal issues (課題) and the prefecture's needs with their job description (ジョブディスクリプション),
// following the ministry's steps ① 課題の洗い出し → ② 業務と人材像の明確化 → ③ 採用工程・任用形態・管理体制 (001:246-250).
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('municipal_issue')
    .addColumn('id', 'uuid', (col) => col.notNull())
    .addColumn('prefecture_code', 'char(2)', (col) => col.notNull())
    .addColumn('municipality_code', 'char(6)', (col) => col.notNull())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('current_situation', 'text', (col) => col.notNull())
    .addColumn('desired_outcome', 'text', (col) => col.notNull())
    .addColumn('urgency', 'text', (col) => col.notNull())
    .addColumn('topic_skill_ids', 'jsonb', (col) => col.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('it_staffing', 'text', (col) => col.notNull())
    .addColumn('size_note', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('contact_name', 'text', (col) => col.notNull())
    .addColumn('contact_department', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('contact_email', 'text', (col) => col.notNull())
    .addColumn('contact_phone', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('submitted'))
    // Entered by prefecture staff on the municipality's behalf after a hearing (ヒアリング).
    .addColumn('entered_by_prefecture', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('prefecture_note', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('created_by', 'uuid')
    .addColumn('lock_version', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('municipal_issue_pkey', ['id'])
    .addForeignKeyConstraint('municipal_issue_municipality_fkey', ['municipality_code'], 'local_government', ['code'])
    .addForeignKeyConstraint('municipal_issue_created_by_fkey', ['created_by'], 'app_user', ['id'], (fk) => fk.onDelete('set null'))
    .addCheckConstraint('municipal_issue_prefecture_matches', sql`substr(municipality_code, 1, 2) = prefecture_code`)
    .addCheckConstraint('municipal_issue_urgency_valid', sql`urgency in ('high', 'medium', 'low')`)
    .addCheckConstraint('municipal_issue_it_staffing_valid', sql`it_staffing in ('none', 'one', 'few', 'team')`)
    .addCheckConstraint('municipal_issue_status_valid', sql`status in ('submitted', 'reviewing', 'in_need', 'closed', 'withdrawn')`)
    .execute()
  // Serves: a municipality's own posts, newest first.
  await db.schema.createIndex('municipal_issue_municipality_idx').on('municipal_issue').columns(['municipality_code', 'created_at']).execute()
  // Serves: a prefecture's list of its municipalities' issues by status.
  await db.schema.createIndex('municipal_issue_prefecture_status_idx').on('municipal_issue').columns(['prefecture_code', 'status']).execute()

  await db.schema
    .createTable('need')
    .addColumn('id', 'uuid', (col) => col.notNull())
    .addColumn('prefecture_code', 'char(2)', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('draft'))
    .addColumn('template_id', 'text')
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('background', 'text', (col) => col.notNull().defaultTo(''))
    // Support tasks: skill ids of the catalogue's 市町村支援業務 area (002:415-424).
    .addColumn('task_skill_ids', 'jsonb', (col) => col.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('task_details', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('role_id', 'text')
    .addColumn('employment_form', 'text')
    .addColumn('employer', 'text', (col) => col.notNull().defaultTo('prefecture'))
    .addColumn('employer_note', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('work_place', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('remote_days_per_week', sql`numeric(2,1)`)
    .addColumn('start_on', 'date')
    .addColumn('end_on', 'date')
    .addColumn('pay_min_yen', 'integer')
    .addColumn('pay_max_yen', 'integer')
    .addColumn('pay_unit', 'text')
    .addColumn('budget_yen', 'bigint')
    .addColumn('selection_process', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('supervisor', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('management_note', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('contact', 'text', (col) => col.notNull().defaultTo(''))
    // Listed on the public open calls page (公募) while 公開.
    .addColumn('open_call', 'boolean', (col) => col.notNull().defaultTo(true))
    .addColumn('application_deadline', 'date')
    .addColumn('published_at', 'timestamptz')
    .addColumn('created_by', 'uuid')
    .addColumn('lock_version', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('need_pkey', ['id'])
    .addForeignKeyConstraint('need_created_by_fkey', ['created_by'], 'app_user', ['id'], (fk) => fk.onDelete('set null'))
    .addForeignKeyConstraint('need_role_fkey', ['role_id'], 'standard_role', ['id'])
    .addCheckConstraint('need_prefecture_format', sql`prefecture_code ~ '^(0[1-9]|[1-3][0-9]|4[0-7])$'`)
    .addCheckConstraint('need_status_valid', sql`status in ('draft', 'published', 'selecting', 'filled', 'closed', 'withdrawn')`)
    .addCheckConstraint('need_employment_form_valid', sql`employment_form is null or employment_form in ('full_time', 'part_time', 'special_part_time', 'contract', 'side_job')`)
    .addCheckConstraint('need_employer_valid', sql`employer in ('prefecture', 'dispatch_company', 'joint')`)
    .addCheckConstraint('need_period_valid', sql`end_on is null or start_on is null or end_on >= start_on`)
    .addCheckConstraint('need_remote_days_valid', sql`remote_days_per_week is null or (remote_days_per_week >= 0 and remote_days_per_week <= 5)`)
    .addCheckConstraint('need_pay_valid', sql`(pay_min_yen is null or pay_min_yen >= 0) and (pay_max_yen is null or pay_max_yen >= 0) and (pay_min_yen is null or pay_max_yen is null or pay_min_yen <= pay_max_yen)`)
    .addCheckConstraint('need_pay_unit_valid', sql`pay_unit is null or pay_unit in ('hour', 'day', 'month', 'year')`)
    .addCheckConstraint('need_budget_valid', sql`budget_yen is null or budget_yen >= 0`)
    .execute()
  // Serves: a prefecture's needs by status; the ministry's national list by prefecture.
  await db.schema.createIndex('need_prefecture_status_idx').on('need').columns(['prefecture_code', 'status']).execute()

  await db.schema
    .createTable('need_municipality')
    .addColumn('need_id', 'uuid', (col) => col.notNull())
    .addColumn('municipality_code', 'char(6)', (col) => col.notNull())
    .addColumn('days_per_week', sql`numeric(2,1)`, (col) => col.notNull())
    .addColumn('sort_order', 'integer', (col) => col.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('need_municipality_pkey', ['need_id', 'municipality_code'])
    .addForeignKeyConstraint('need_municipality_need_fkey', ['need_id'], 'need', ['id'], (fk) => fk.onDelete('cascade'))
    .addForeignKeyConstraint('need_municipality_code_fkey', ['municipality_code'], 'local_government', ['code'])
    // Per body: more than 0, at most 5 days a week. The total above 5 is only warned about (one person may
    // serve several bodies, 002:426).
    .addCheckConstraint('need_municipality_days_valid', sql`days_per_week > 0 and days_per_week <= 5`)
    .execute()
  // Serves: the needs serving a municipality (municipal staff's view).
  await db.schema.createIndex('need_municipality_code_idx').on('need_municipality').column('municipality_code').execute()

  await db.schema
    .createTable('need_skill')
    .addColumn('need_id', 'uuid', (col) => col.notNull())
    .addColumn('skill_id', 'text', (col) => col.notNull())
    .addColumn('min_level', 'integer', (col) => col.notNull())
    .addColumn('essential', 'boolean', (col) => col.notNull())
    .addColumn('sort_order', 'integer', (col) => col.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('need_skill_pkey', ['need_id', 'skill_id'])
    .addForeignKeyConstraint('need_skill_need_fkey', ['need_id'], 'need', ['id'], (fk) => fk.onDelete('cascade'))
    .addForeignKeyConstraint('need_skill_skill_fkey', ['skill_id'], 'skill', ['id'])
    .addCheckConstraint('need_skill_level_valid', sql`min_level between 1 and 4`)
    .execute()

  await db.schema
    .createTable('need_issue')
    .addColumn('need_id', 'uuid', (col) => col.notNull())
    .addColumn('issue_id', 'uuid', (col) => col.notNull())
    .addPrimaryKeyConstraint('need_issue_pkey', ['need_id', 'issue_id'])
    .addForeignKeyConstraint('need_issue_need_fkey', ['need_id'], 'need', ['id'], (fk) => fk.onDelete('cascade'))
    .addForeignKeyConstraint('need_issue_issue_fkey', ['issue_id'], 'municipal_issue', ['id'], (fk) => fk.onDelete('cascade'))
    .execute()
  // Serves: the needs an issue was grouped into (the municipality sees where its post went).
  await db.schema.createIndex('need_issue_issue_idx').on('need_issue').column('issue_id').execute()

  await db.schema
    .createTable('need_event')
    .addColumn('id', 'bigint', (col) => col.generatedAlwaysAsIdentity())
    .addColumn('need_id', 'uuid', (col) => col.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (col) => col.notNull())
    .addColumn('occurred_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('actor_user_id', 'uuid')
    .addColumn('actor_label', 'text', (col) => col.notNull())
    .addColumn('note', 'text', (col) => col.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('need_event_pkey', ['id'])
    .addForeignKeyConstraint('need_event_need_fkey', ['need_id'], 'need', ['id'], (fk) => fk.onDelete('cascade'))
    .execute()
  // Serves: a need's status history, in order.
  await db.schema.createIndex('need_event_need_idx').on('need_event').columns(['need_id', 'id']).execute()

  // A professional's interest in a need from the open calls (it also files a pool application, 001:78).
  await db.schema
    .createTable('need_interest')
    .addColumn('need_id', 'uuid', (col) => col.notNull())
    .addColumn('profile_id', 'uuid', (col) => col.notNull())
    .addColumn('pool_member_id', 'uuid', (col) => col.notNull())
    .addColumn('message', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('need_interest_pkey', ['need_id', 'profile_id'])
    .addForeignKeyConstraint('need_interest_need_fkey', ['need_id'], 'need', ['id'], (fk) => fk.onDelete('cascade'))
    .addForeignKeyConstraint('need_interest_profile_fkey', ['profile_id'], 'profile', ['id'], (fk) => fk.onDelete('cascade'))
    .addForeignKeyConstraint('need_interest_member_fkey', ['pool_member_id'], 'pool_member', ['id'], (fk) => fk.onDelete('cascade'))
    .execute()
  // Serves: a professional's own interests; a pool member's linked needs.
  await db.schema.createIndex('need_interest_profile_idx').on('need_interest').column('profile_id').execute()
  await db.schema.createIndex('need_interest_member_idx').on('need_interest').column('pool_member_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['need_interest', 'need_event', 'need_issue', 'need_skill', 'need_municipality', 'need', 'municipal_issue']) {
    await db.schema.dropTable(table).execute()
  }
}
