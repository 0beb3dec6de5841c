// Frozen: never import app code here, never edit after it has shipped; add a new migration instead.
// Placements (配置): a person employed or contracted by a body — a 都道府県 supporting its municipalities, or a
// 市町村's own CIO補佐官等 — with the municipalities served, the cost lines per fiscal year and the history; and
// the 交付税 funding rules as data (versioned, with citations), the ministry's decisions on 要確認 items and a
// body's choice of which CIO補佐官等 count under the three-person cap (002:435-450).
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('placement')
    .addColumn('id', 'uuid', (col) => col.notNull())
    // The employing (or contracting) body and its prefecture, the tenant of the row.
    .addColumn('employer_code', 'char(6)', (col) => col.notNull())
    .addColumn('prefecture_code', 'char(2)', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('draft'))
    // The person as the body records them (an employee's name is the employer's own record, not a profile read).
    .addColumn('person_name', 'text', (col) => col.notNull())
    .addColumn('person_kana', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('profile_id', 'uuid')
    .addColumn('pool_member_id', 'uuid')
    .addColumn('need_id', 'uuid')
    // The 内定 this placement was started from, if any (one placement per 内定).
    .addColumn('shortlist_entry_id', 'uuid')
    .addColumn('job_title', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('employment', 'text', (col) => col.notNull())
    .addColumn('fixed_term', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('main_duty_municipal_support', 'boolean', (col) => col.notNull().defaultTo(true))
    .addColumn('appointed_accelerator', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('designated_dx_leader', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('plan_drafting_only', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('start_on', 'date')
    .addColumn('end_on', 'date')
    .addColumn('end_reason', 'text')
    .addColumn('end_note', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('note', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('created_by', 'uuid')
    .addColumn('lock_version', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('placement_pkey', ['id'])
    .addForeignKeyConstraint('placement_employer_fkey', ['employer_code'], 'local_government', ['code'])
    .addForeignKeyConstraint('placement_profile_fkey', ['profile_id'], 'profile', ['id'], (fk) => fk.onDelete('set null'))
    .addForeignKeyConstraint('placement_pool_member_fkey', ['pool_member_id'], 'pool_member', ['id'], (fk) => fk.onDelete('set null'))
    .addForeignKeyConstraint('placement_need_fkey', ['need_id'], 'need', ['id'], (fk) => fk.onDelete('set null'))
    .addForeignKeyConstraint('placement_shortlist_entry_fkey', ['shortlist_entry_id'], 'need_shortlist_entry', ['id'], (fk) => fk.onDelete('set null'))
    .addForeignKeyConstraint('placement_created_by_fkey', ['created_by'], 'app_user', ['id'], (fk) => fk.onDelete('set null'))
    .addUniqueConstraint('placement_shortlist_entry_key', ['shortlist_entry_id'])
    .addCheckConstraint('placement_prefecture_matches', sql`substr(employer_code, 1, 2) = prefecture_code`)
    .addCheckConstraint('placement_kind_valid', sql`kind in ('municipal_support', 'cio_adviser')`)
    .addCheckConstraint('placement_status_valid', sql`status in ('draft', 'active', 'ended')`)
    .addCheckConstraint('placement_employment_valid', sql`employment in ('full_time', 'part_time', 'special_part_time', 'contract')`)
    .addCheckConstraint('placement_person_name_length', sql`char_length(person_name) between 1 and 100`)
    .addCheckConstraint('placement_dates_ordered', sql`end_on is null or start_on is null or end_on >= start_on`)
    .addCheckConstraint('placement_active_has_start', sql`status = 'draft' or start_on is not null`)
    .addCheckConstraint('placement_ended_has_end', sql`status <> 'ended' or (end_on is not null and end_reason is not null)`)
    .addCheckConstraint('placement_end_reason_valid', sql`end_reason is null or end_reason in ('term_end', 'resignation', 'transfer', 'other')`)
    .execute()
  // Serves: a prefecture's (or the nation's) placements by status, and each body's yearly funding view.
  await db.schema.createIndex('placement_prefecture_status_idx').on('placement').columns(['prefecture_code', 'status']).execute()
  // Serves: one body's placements (its funding per fiscal year, a municipality's own CIO補佐官等).
  await db.schema.createIndex('placement_employer_idx').on('placement').columns(['employer_code']).execute()

  await db.schema
    .createTable('placement_municipality')
    .addColumn('placement_id', 'uuid', (col) => col.notNull())
    .addColumn('municipality_code', 'char(6)', (col) => col.notNull())
    .addColumn('days_per_week', sql`numeric(2,1)`, (col) => col.notNull())
    // Which weekdays, in the body's words (e.g. 「火・木」); optional.
    .addColumn('weekdays', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('sort_order', 'integer', (col) => col.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('placement_municipality_pkey', ['placement_id', 'municipality_code'])
    .addForeignKeyConstraint('placement_municipality_placement_fkey', ['placement_id'], 'placement', ['id'], (fk) => fk.onDelete('cascade'))
    .addForeignKeyConstraint('placement_municipality_body_fkey', ['municipality_code'], 'local_government', ['code'])
    .addCheckConstraint('placement_municipality_days_valid', sql`days_per_week > 0 and days_per_week <= 7`)
    .execute()
  // Serves: a municipality's home page (who supports it).
  await db.schema.createIndex('placement_municipality_body_idx').on('placement_municipality').columns(['municipality_code']).execute()

  await db.schema
    .createTable('placement_cost')
    .addColumn('placement_id', 'uuid', (col) => col.notNull())
    // 年度, stored as the Western year it starts in (令和7年度 = 2025).
    .addColumn('fiscal_year', 'integer', (col) => col.notNull())
    .addColumn('item', 'text', (col) => col.notNull())
    // Training inside the DX推進リーダー育成プログラム (C1, 002:452-474); false for every other item.
    .addColumn('in_programme', 'boolean', (col) => col.notNull().defaultTo(false))
    // Integer yen.
    .addColumn('amount', 'bigint', (col) => col.notNull())
    .addPrimaryKeyConstraint('placement_cost_pkey', ['placement_id', 'fiscal_year', 'item', 'in_programme'])
    .addForeignKeyConstraint('placement_cost_placement_fkey', ['placement_id'], 'placement', ['id'], (fk) => fk.onDelete('cascade'))
    .addCheckConstraint('placement_cost_year_valid', sql`fiscal_year between 2000 and 2100`)
    .addCheckConstraint('placement_cost_amount_valid', sql`amount >= 0 and amount <= 10000000000`)
    .addCheckConstraint(
      'placement_cost_item_valid',
      sql`item in ('salary', 'remuneration', 'commission', 'travel', 'communication', 'recruitment', 'training', 'municipal_contribution', 'other')`,
    )
    .addCheckConstraint('placement_cost_programme_only_training', sql`not in_programme or item = 'training'`)
    .execute()

  await db.schema
    .createTable('placement_event')
    .addColumn('id', 'bigserial', (col) => col.notNull())
    .addColumn('placement_id', 'uuid', (col) => col.notNull())
    .addColumn('action', 'text', (col) => col.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (col) => col.notNull())
    .addColumn('note', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('actor_user_id', 'uuid')
    .addColumn('actor_label', 'text', (col) => col.notNull())
    .addColumn('occurred_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('placement_event_pkey', ['id'])
    .addForeignKeyConstraint('placement_event_placement_fkey', ['placement_id'], 'placement', ['id'], (fk) => fk.onDelete('cascade'))
    .addForeignKeyConstraint('placement_event_actor_fkey', ['actor_user_id'], 'app_user', ['id'], (fk) => fk.onDelete('set null'))
    .execute()
  // Serves: a placement's history, oldest first.
  await db.schema.createIndex('placement_event_placement_idx').on('placement_event').columns(['placement_id', 'id']).execute()

  // Each measure's rule is a row per version; the highest version of a measure is in force. The rule itself is
  // JSON validated by the application (app/funding/rules.ts), so ministry staff change a rule without a deploy.
  await db.schema
    .createTable('funding_rule')
    .addColumn('measure', 'text', (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull())
    .addColumn('rule', 'jsonb', (col) => col.notNull())
    .addColumn('change_note', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('created_by', 'uuid')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('funding_rule_pkey', ['measure', 'version'])
    .addForeignKeyConstraint('funding_rule_created_by_fkey', ['created_by'], 'app_user', ['id'], (fk) => fk.onDelete('set null'))
    .addCheckConstraint('funding_rule_measure_format', sql`measure ~ '^[A-Z][A-Z0-9]{0,9}$'`)
    .addCheckConstraint('funding_rule_version_positive', sql`version >= 1`)
    .execute()

  // The ministry's answer to a 要確認 result: counted as decided (amount in yen) or not counted, with the reason.
  await db.schema
    .createTable('funding_decision')
    .addColumn('placement_id', 'uuid', (col) => col.notNull())
    .addColumn('fiscal_year', 'integer', (col) => col.notNull())
    .addColumn('measure', 'text', (col) => col.notNull())
    .addColumn('decision', 'text', (col) => col.notNull())
    .addColumn('amount', 'bigint', (col) => col.notNull().defaultTo(0))
    .addColumn('note', 'text', (col) => col.notNull())
    .addColumn('decided_by', 'uuid')
    .addColumn('decided_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('funding_decision_pkey', ['placement_id', 'fiscal_year', 'measure'])
    .addForeignKeyConstraint('funding_decision_placement_fkey', ['placement_id'], 'placement', ['id'], (fk) => fk.onDelete('cascade'))
    .addForeignKeyConstraint('funding_decision_decided_by_fkey', ['decided_by'], 'app_user', ['id'], (fk) => fk.onDelete('set null'))
    .addCheckConstraint('funding_decision_valid', sql`decision in ('eligible', 'not_eligible')`)
    .addCheckConstraint('funding_decision_amount_valid', sql`amount >= 0 and (decision = 'eligible' or amount = 0)`)
    .addCheckConstraint('funding_decision_note_length', sql`char_length(note) between 1 and 1000`)
    .execute()

  // A body's own choice of which CIO補佐官等 count under the three-person cap in a fiscal year (B1).
  await db.schema
    .createTable('funding_selection')
    .addColumn('employer_code', 'char(6)', (col) => col.notNull())
    .addColumn('fiscal_year', 'integer', (col) => col.notNull())
    .addColumn('measure', 'text', (col) => col.notNull())
    .addColumn('placement_ids', 'jsonb', (col) => col.notNull())
    .addColumn('decided_by', 'uuid')
    .addColumn('decided_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('funding_selection_pkey', ['employer_code', 'fiscal_year', 'measure'])
    .addForeignKeyConstraint('funding_selection_employer_fkey', ['employer_code'], 'local_government', ['code'])
    .addForeignKeyConstraint('funding_selection_decided_by_fkey', ['decided_by'], 'app_user', ['id'], (fk) => fk.onDelete('set null'))
    .addCheckConstraint('funding_selection_ids_array', sql`jsonb_typeof(placement_ids) = 'array'`)
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('funding_selection').execute()
  await db.schema.dropTable('funding_decision').execute()
  await db.schema.dropTable('funding_rule').execute()
  await db.schema.dropTable('placement_event').execute()
  await db.schema.dropTable('placement_cost').execute()
  await db.schema.dropTable('placement_municipality').execute()
  await db.schema.dropTable('placement').execute()
}
