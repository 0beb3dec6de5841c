// SQL for partner companies (パートナー企業): the national list the ministry keeps and every prefecture reads.
import { type Insertable, sql, type Updateable } from 'kysely'
import type { DbExecutor } from '../client'
import type { DB } from '../schema'

type NewPartnerCompany = Insertable<DB['partner_company']>
type PartnerCompanyChanges = Omit<
  Updateable<DB['partner_company']>,
  'id' | 'lock_version' | 'created_at' | 'updated_at'
>

const partnerCompanyColumns = [
  'id',
  'name',
  'name_kana',
  'corporate_number',
  'contact_name',
  'contact_email',
  'contact_phone',
  'website',
  'note',
  'active',
  'lock_version',
] as const

/** Every company, active ones first, in kana order (the partners page). */
export async function listAllPartnerCompanies(db: DbExecutor) {
  return db
    .selectFrom('partner_company')
    .select(partnerCompanyColumns)
    .orderBy('active', 'desc')
    .orderBy('name_kana')
    .orderBy('name')
    .execute()
}

export async function findPartnerCompany(db: DbExecutor, id: string) {
  return db.selectFrom('partner_company').select(partnerCompanyColumns).where('id', '=', id).executeTakeFirst()
}

/** The active companies as options for a form (recommending company), by name. */
export async function listActivePartnerCompanyOptions(db: DbExecutor) {
  return db.selectFrom('partner_company').select(['id', 'name']).where('active', '=', true).orderBy('name').execute()
}

/** Company ids by 法人番号 (to resolve the recommending company of an imported CSV row). */
export async function mapPartnerCompaniesByCorporateNumber(db: DbExecutor): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('partner_company')
    .select(['id', 'corporate_number'])
    .where('corporate_number', 'is not', null)
    .execute()
  return new Map(rows.map((c) => [c.corporate_number!, c.id]))
}

export async function insertPartnerCompany(db: DbExecutor, company: NewPartnerCompany): Promise<void> {
  await db.insertInto('partner_company').values(company).execute()
}

/** Saves only while the row still has the version the form was read at; false = someone saved first. */
export async function updatePartnerCompanyLocked(
  db: DbExecutor,
  id: string,
  changes: PartnerCompanyChanges,
  lockVersion: number,
): Promise<boolean> {
  const result = await db
    .updateTable('partner_company')
    .set({ ...changes, lock_version: sql`lock_version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('lock_version', '=', lockVersion)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}
