// Frozen: never import app code here, never edit after it has shipped; add a new migration instead.
// 自治体DXアクセラレータ: a prefecture nominates a registered pool member with the evidence of 「一定の経験・資格」,
// the ministry reviews and appoints (numbered per 年度 without gaps), later ends or revokes; the daily counts for
// the trend toward 500; each prefecture's 推進体制 ①〜④ as reports the ministry confirms, with the national
// figures as history; the accelerators' opt-in network directory and the ministry's notices to them.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('accelerator_appointment')
    .addColumn('id', 'uuid', (col) => col.notNull())
    // The nominating prefecture (the pool the person is registered in).
    .addColumn('prefecture_code', 'char(2)', (col) => col.notNull())
    .addColumn('pool_member_id', 'uuid')
    .addColumn('profile_id', 'uuid')
    // The person as nominated (kept when the pool record or account goes).
    .addColumn('person_name', 'text', (col) => col.notNull())
    .addColumn('person_kana', 'text', (col) => col.notNull().defaultTo(''))
    // The role (人材類型) of the skill standard the person is appointed in, with its name at nomination.
    .addColumn('role_id', 'text', (col) => col.notNull())
    .addColumn('role_name', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('nominated'))
    .addColumn('nomination_statement', 'text', (col) => col.notNull().defaultTo(''))
    // The evidence as the prefecture submitted it: experiences, skills and levels, qualifications, training.
    .addColumn('evidence', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    // The placement planned: a recorded placement, or the form and duty in words when none is recorded yet.
    .addColumn('placement_id', 'uuid')
    .addColumn('planned_employment', 'text')
    .addColumn('planned_main_duty_municipal_support', 'boolean')
    .addColumn('planned_placement_note', 'text', (col) => col.notNull().defaultTo(''))
    // The ministry's review: checklist items ticked and the comment sent with a return or decision.
    .addColumn('review_checklist', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('review_comment', 'text', (col) => col.notNull().defaultTo(''))
    // The appointment: 年度 and serial give the number; no gaps, since the serial is taken in the same
    // transaction as the appointment from the year's counter.
    .addColumn('fiscal_year', 'integer')
    .addColumn('serial', 'integer')
    .addColumn('appointed_on', 'date')
    .addColumn('term_end_on', 'date')
    .addColumn('ended_on', 'date')
    .addColumn('end_reason', 'text')
    .addColumn('end_note', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('nominated_by', 'uuid')
    .addColumn('decided_by', 'uuid')
    .addColumn('lock_version', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('accelerator_appointment_pkey', ['id'])
    .addForeignKeyConstraint('accelerator_appointment_pool_member_fkey', ['pool_member_id'], 'pool_member', ['id'], (fk) => fk.onDelete('set null'))
    .addForeignKeyConstraint('accelerator_appointment_profile_fkey', ['profile_id'], 'profile', ['id'], (fk) => fk.onDelete('set null'))
    .addForeignKeyConstraint('accelerator_appointment_placement_fkey', ['placement_id'], 'placement', ['id'], (fk) => fk.onDelete('set null'))
    .addForeignKeyConstraint('accelerator_appointment_nominated_by_fkey', ['nominated_by'], 'app_user', ['id'], (fk) => fk.onDelete('set null'))
    .addForeignKeyConstraint('accelerator_appointment_decided_by_fkey', ['decided_by'], 'app_user', ['id'], (fk) => fk.onDelete('set null'))
    .addUniqueConstraint('accelerator_appointment_number_key', ['fiscal_year', 'serial'])
    .addCheckConstraint('accelerator_appointment_prefecture_valid', sql`prefecture_code ~ '^(0[1-9]|[1-3][0-9]|4[0-7])$'`)
    .addCheckConstraint(
      'accelerator_appointment_status_valid',
      sql`status in ('nominated', 'returned', 'withdrawn', 'declined', 'appointed', 'ended', 'revoked')`,
    )
    .addCheckConstraint(
      'accelerator_appointment_planned_employment_valid',
      sql`planned_employment is null or planned_employment in ('full_time', 'part_time', 'special_part_time', 'contract')`,
    )
    .addCheckConstraint('accelerator_appointment_person_name_length', sql`char_length(person_name) between 1 and 100`)
    .addCheckConstraint(
      'accelerator_appointment_numbered',
      sql`(status in ('appointed', 'ended', 'revoked')) = (fiscal_year is not null and serial is not null and appointed_on is not null)`,
    )
    .addCheckConstraint('accelerator_appointment_serial_positive', sql`serial is null or serial >= 1`)
    .addCheckConstraint('accelerator_appointment_term_ordered', sql`term_end_on is null or appointed_on is null or term_end_on >= appointed_on`)
    .addCheckConstraint(
      'accelerator_appointment_ended_has_date',
      sql`(status in ('ended', 'revoked')) = (ended_on is not null and end_reason is not null)`,
    )
    .addCheckConstraint('accelerator_appointment_end_ordered', sql`ended_on is null or ended_on >= appointed_on`)
    .addCheckConstraint(
      'accelerator_appointment_end_reason_valid',
      sql`end_reason is null or end_reason in ('term_end', 'resignation', 'revoked', 'other')`,
    )
    .execute()
  // One open case per pool record: nominated, returned for more information, or appointed.
  await sql`create unique index accelerator_appointment_open_member_key on accelerator_appointment (pool_member_id)
    where status in ('nominated', 'returned', 'appointed')`.execute(db)
  // Serves: a prefecture's cases by status, the ministry's review queue, the counts per prefecture.
  await db.schema.createIndex('accelerator_appointment_prefecture_status_idx').on('accelerator_appointment').columns(['prefecture_code', 'status']).execute()
  await db.schema.createIndex('accelerator_appointment_status_idx').on('accelerator_appointment').columns(['status', 'updated_at']).execute()
  // Serves: whether a person is an appointed accelerator (their placements, their own page).
  await db.schema.createIndex('accelerator_appointment_profile_idx').on('accelerator_appointment').columns(['profile_id']).execute()

  // The last serial given per 年度: the row is locked while an appointment takes the next number.
  await db.schema
    .createTable('appointment_number_counter')
    .addColumn('fiscal_year', 'integer', (col) => col.notNull())
    .addColumn('last_serial', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('appointment_number_counter_pkey', ['fiscal_year'])
    .addCheckConstraint('appointment_number_counter_valid', sql`last_serial >= 0`)
    .execute()

  await db.schema
    .createTable('accelerator_appointment_event')
    .addColumn('id', 'bigserial', (col) => col.notNull())
    .addColumn('appointment_id', 'uuid', (col) => col.notNull())
    .addColumn('action', 'text', (col) => col.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (col) => col.notNull())
    .addColumn('note', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('actor_user_id', 'uuid')
    .addColumn('actor_label', 'text', (col) => col.notNull())
    .addColumn('occurred_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('accelerator_appointment_event_pkey', ['id'])
    .addForeignKeyConstraint('accelerator_appointment_event_appointment_fkey', ['appointment_id'], 'accelerator_appointment', ['id'], (fk) => fk.onDelete('cascade'))
    .addForeignKeyConstraint('accelerator_appointment_event_actor_fkey', ['actor_user_id'], 'app_user', ['id'], (fk) => fk.onDelete('set null'))
    .execute()
  await db.schema.createIndex('accelerator_appointment_event_appointment_idx').on('accelerator_appointment_event').columns(['appointment_id', 'id']).execute()

  // The count of appointed accelerators per day, for the trend only (the dashboard's current numbers are
  // queried from the appointments themselves). `source` tells the published baseline from the daily job.
  await db.schema
    .createTable('accelerator_snapshot')
    .addColumn('snapshot_on', 'date', (col) => col.notNull())
    .addColumn('appointed', 'integer', (col) => col.notNull())
    .addColumn('bodies', 'integer', (col) => col.notNull())
    // { "01": 3, ... } — per prefecture; empty for a published national figure without a breakdown.
    .addColumn('by_prefecture', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('source', 'text', (col) => col.notNull())
    .addColumn('source_note', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('accelerator_snapshot_pkey', ['snapshot_on'])
    .addCheckConstraint('accelerator_snapshot_counts_valid', sql`appointed >= 0 and bodies >= 0 and bodies <= 47`)
    .addCheckConstraint('accelerator_snapshot_source_valid', sql`source in ('published', 'daily')`)
    .execute()

  // 推進体制 ①〜④: each report by a prefecture is kept (the latest per requirement is current); the ministry
  // confirms or returns it.
  await db.schema
    .createTable('dx_structure_report')
    .addColumn('id', 'uuid', (col) => col.notNull())
    .addColumn('prefecture_code', 'char(2)', (col) => col.notNull())
    .addColumn('requirement', 'smallint', (col) => col.notNull())
    .addColumn('met', 'boolean', (col) => col.notNull())
    .addColumn('as_of', 'date', (col) => col.notNull())
    .addColumn('note', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('reported'))
    .addColumn('reported_by', 'uuid')
    .addColumn('reported_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('reviewed_by', 'uuid')
    .addColumn('reviewed_at', 'timestamptz')
    .addColumn('review_note', 'text', (col) => col.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('dx_structure_report_pkey', ['id'])
    .addForeignKeyConstraint('dx_structure_report_reported_by_fkey', ['reported_by'], 'app_user', ['id'], (fk) => fk.onDelete('set null'))
    .addForeignKeyConstraint('dx_structure_report_reviewed_by_fkey', ['reviewed_by'], 'app_user', ['id'], (fk) => fk.onDelete('set null'))
    .addCheckConstraint('dx_structure_report_prefecture_valid', sql`prefecture_code ~ '^(0[1-9]|[1-3][0-9]|4[0-7])$'`)
    .addCheckConstraint('dx_structure_report_requirement_valid', sql`requirement between 1 and 4`)
    .addCheckConstraint('dx_structure_report_status_valid', sql`status in ('reported', 'confirmed', 'returned')`)
    .execute()
  await db.schema
    .createIndex('dx_structure_report_current_idx')
    .on('dx_structure_report')
    .columns(['prefecture_code', 'requirement', 'reported_at'])
    .execute()

  // Published national figures of 推進体制 (how many prefectures meet each requirement), as history.
  await db.schema
    .createTable('dx_structure_national_figure')
    .addColumn('as_of', 'date', (col) => col.notNull())
    .addColumn('met_1', 'integer', (col) => col.notNull())
    .addColumn('met_2', 'integer', (col) => col.notNull())
    .addColumn('met_3', 'integer', (col) => col.notNull())
    .addColumn('met_4', 'integer', (col) => col.notNull())
    .addColumn('met_all', 'integer', (col) => col.notNull())
    .addColumn('source', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('dx_structure_national_figure_pkey', ['as_of'])
    .addCheckConstraint(
      'dx_structure_national_figure_valid',
      sql`least(met_1, met_2, met_3, met_4, met_all) >= 0 and greatest(met_1, met_2, met_3, met_4) <= 47
        and met_all <= least(met_1, met_2, met_3, met_4)`,
    )
    .execute()

  // An accelerator's entry in the network directory: what they chose to share, and with whom.
  await db.schema
    .createTable('accelerator_directory_entry')
    .addColumn('profile_id', 'uuid', (col) => col.notNull())
    .addColumn('visibility', 'text', (col) => col.notNull().defaultTo('hidden'))
    .addColumn('display_name', 'text', (col) => col.notNull())
    .addColumn('headline', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('introduction', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('contact', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('show_prefecture', 'boolean', (col) => col.notNull().defaultTo(true))
    .addColumn('show_skills', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('accelerator_directory_entry_pkey', ['profile_id'])
    .addForeignKeyConstraint('accelerator_directory_entry_profile_fkey', ['profile_id'], 'profile', ['id'], (fk) => fk.onDelete('cascade'))
    .addCheckConstraint('accelerator_directory_entry_visibility_valid', sql`visibility in ('hidden', 'accelerators', 'public')`)
    .addCheckConstraint('accelerator_directory_entry_name_length', sql`char_length(display_name) between 1 and 100`)
    .addCheckConstraint('accelerator_directory_entry_headline_length', sql`char_length(headline) <= 100`)
    .addCheckConstraint('accelerator_directory_entry_introduction_length', sql`char_length(introduction) <= 1000`)
    .addCheckConstraint('accelerator_directory_entry_contact_length', sql`char_length(contact) <= 200`)
    .execute()

  // The ministry's notices to appointed accelerators.
  await db.schema
    .createTable('accelerator_notice')
    .addColumn('id', 'uuid', (col) => col.notNull())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('body', 'text', (col) => col.notNull())
    .addColumn('published_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('created_by', 'uuid')
    .addPrimaryKeyConstraint('accelerator_notice_pkey', ['id'])
    .addForeignKeyConstraint('accelerator_notice_created_by_fkey', ['created_by'], 'app_user', ['id'], (fk) => fk.onDelete('set null'))
    .addCheckConstraint('accelerator_notice_title_length', sql`char_length(title) between 1 and 200`)
    .addCheckConstraint('accelerator_notice_body_length', sql`char_length(body) between 1 and 5000`)
    .execute()
  await db.schema.createIndex('accelerator_notice_published_idx').on('accelerator_notice').columns(['published_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('accelerator_notice').execute()
  await db.schema.dropTable('accelerator_directory_entry').execute()
  await db.schema.dropTable('dx_structure_national_figure').execute()
  await db.schema.dropTable('dx_structure_report').execute()
  await db.schema.dropTable('accelerator_snapshot').execute()
  await db.schema.dropTable('accelerator_appointment_event').execute()
  await db.schema.dropTable('appointment_number_counter').execute()
  await db.schema.dropTable('accelerator_appointment').execute()
}
