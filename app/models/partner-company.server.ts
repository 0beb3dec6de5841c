// Partner companies (人材プールの候補となる企業, 001:259): the national list the ministry keeps and every
// prefecture reads. Contact names are personal data: every change is audited.
import crypto from 'node:crypto'
import type { AppLoadContext } from '@remix-run/node'
import {
  findPartnerCompany,
  insertPartnerCompany,
  listAllPartnerCompanies,
  updatePartnerCompanyLocked,
} from '../../db/queries/partner-companies'
import type { SessionUser } from '../utils/auth.server'
import type { PartnerCompanyInput } from '../utils/partner-company-validation'
import { userHasPermission } from '../utils/permissions'
import { actorFrom, recordAudit } from './audit.server'

export async function listPartnerCompanies(context: AppLoadContext, user: SessionUser) {
  const rows = await listAllPartnerCompanies(context.services.database.db)
  return { companies: rows, canEdit: userHasPermission(user, 'update:partner:any') }
}

export async function getPartnerCompanyForEdit(context: AppLoadContext, id: string) {
  if (id === 'new') return null
  if (!/^[0-9a-f-]{36}$/.test(id)) throw new Response('指定された企業は見つかりません。', { status: 404 })
  const row = await findPartnerCompany(context.services.database.db, id)
  if (!row) throw new Response('指定された企業は見つかりません。', { status: 404 })
  return row
}

type SavePartnerResult =
  { status: 'ok'; name: string } | { status: 'conflict' } | { status: 'field-error'; field: string; message: string }

function snapshot(input: Omit<PartnerCompanyInput, 'lockVersion'>) {
  return {
    name: input.name,
    corporate_number: input.corporateNumber,
    contact_name: input.contactName,
    contact_email: input.contactEmail,
    active: input.active,
  }
}

export async function savePartnerCompany(
  context: AppLoadContext,
  user: SessionUser,
  id: string,
  input: PartnerCompanyInput,
): Promise<SavePartnerResult> {
  const { db } = context.services.database
  const { lockVersion, ...fields } = input
  const values = {
    name: fields.name,
    name_kana: fields.nameKana,
    corporate_number: fields.corporateNumber,
    contact_name: fields.contactName,
    contact_email: fields.contactEmail,
    contact_phone: fields.contactPhone,
    website: fields.website,
    note: fields.note,
    active: fields.active,
  }
  try {
    return await db.transaction().execute(async (trx): Promise<SavePartnerResult> => {
      if (id === 'new') {
        const newId = crypto.randomUUID()
        await insertPartnerCompany(trx, { id: newId, ...values })
        await recordAudit(trx, actorFrom(context, user), {
          action: 'create',
          entity: 'partner_company',
          entityId: newId,
          summary: `パートナー企業「${fields.name}」を登録しました`,
          after: snapshot(fields),
        })
        return { status: 'ok', name: fields.name }
      }
      const before = await findPartnerCompany(trx, id)
      if (!before) throw new Response('指定された企業は見つかりません。', { status: 404 })
      if (!(await updatePartnerCompanyLocked(trx, id, values, lockVersion ?? -1))) return { status: 'conflict' }
      await recordAudit(trx, actorFrom(context, user), {
        action: 'update',
        entity: 'partner_company',
        entityId: id,
        summary: `パートナー企業「${fields.name}」を更新しました`,
        before: snapshot({
          name: before.name,
          nameKana: before.name_kana,
          corporateNumber: before.corporate_number,
          contactName: before.contact_name,
          contactEmail: before.contact_email,
          contactPhone: before.contact_phone,
          website: before.website,
          note: before.note,
          active: before.active,
        }),
        after: snapshot(fields),
      })
      return { status: 'ok', name: fields.name }
    })
  } catch (error) {
    // The only unique constraint on the table is the 法人番号 one (partner_company_corporate_number_unique).
    if ((error as { code?: string })?.code === '23505') {
      return { status: 'field-error', field: 'corporateNumber', message: 'この法人番号の企業はすでに登録されています' }
    }
    throw error
  }
}
