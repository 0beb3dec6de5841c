// Form schemas for accelerator appointments (任命): a prefecture's nomination, the ministry's review (return,
// decline, appoint) and the appointment's end or revocation. Messages in Japanese, at the field. What needs the
// database (the person's experiences, the roles of the skill standard, the placements) is checked by the model.
import { z } from 'zod'
import type { AppointmentChecklistItem } from '../../db/schema'
import {
  checkbox,
  dateField,
  optionalDateField,
  optionalText,
  plainString,
  PREFECTURE_CODE,
  requiredLockVersion,
  requiredText,
  uuidField,
} from './field-schemas'
import {
  APPOINTMENT_CHECKLIST_LABELS,
  APPOINTMENT_STATUS_LABELS,
  PLACEMENT_EMPLOYMENT_LABELS,
  valuesOf,
} from './labels'

const yesNo = z.enum(['yes', 'no'], { message: '主たる業務が市町村支援かどうかを選択してください' })

export const NominationSchema = z
  .object({
    roleId: plainString({ message: '推薦する人材像を選択してください' }).min(1, {
      message: '推薦する人材像を選択してください',
    }),
    statement: requiredText('推薦の理由', 2000),
    experienceIds: z.array(uuidField('選択した職歴が正しくありません。ページを再読み込みしてください')).default([]),
    placementId: uuidField('配置の予定を選び直してください').optional(),
    plannedEmployment: z
      .enum(valuesOf(PLACEMENT_EMPLOYMENT_LABELS), { message: '予定する任用・契約の形態を選択してください' })
      .optional(),
    plannedMainDuty: yesNo.optional(),
    plannedNote: optionalText('配置の予定の補足', 1000),
    consent: checkbox.refine((value) => value, { message: '本人の同意を得たことを確認してください' }),
    lockVersion: requiredLockVersion.optional(),
  })
  .superRefine((value, ctx) => {
    // Without a recorded placement, the reviewer still needs the form and the duty (the checklist asks for both).
    if (value.placementId) return
    if (!value.plannedEmployment)
      ctx.addIssue({
        code: 'custom',
        path: ['plannedEmployment'],
        message: '記録済みの配置を選ぶか、予定する任用・契約の形態を選択してください',
      })
    if (!value.plannedMainDuty)
      ctx.addIssue({
        code: 'custom',
        path: ['plannedMainDuty'],
        message: '記録済みの配置を選ぶか、主たる業務が市町村支援かどうかを選択してください',
      })
  })
export type NominationInput = z.infer<typeof NominationSchema>

/** The review checklist's items, in the order the page lists them. */
export const CHECKLIST_ITEMS = valuesOf(APPOINTMENT_CHECKLIST_LABELS)

const checklistShape = Object.fromEntries(CHECKLIST_ITEMS.map((item) => [item, checkbox])) as Record<
  AppointmentChecklistItem,
  typeof checkbox
>

/** Return for more information, or decline: the comment tells the prefecture why. */
export const ReviewReplySchema = z.object({
  lockVersion: requiredLockVersion,
  ...checklistShape,
  comment: requiredText('審査のコメント', 2000),
})
export type ReviewReplyInput = z.infer<typeof ReviewReplySchema>

export const AppointSchema = z
  .object({
    lockVersion: requiredLockVersion,
    ...checklistShape,
    comment: optionalText('審査のコメント', 2000),
    appointedOn: dateField('任命日'),
    termEndOn: optionalDateField('任期の終了日'),
  })
  .superRefine((value, ctx) => {
    for (const item of CHECKLIST_ITEMS)
      if (!value[item])
        ctx.addIssue({
          code: 'custom',
          path: [item],
          message: `任命するには「${APPOINTMENT_CHECKLIST_LABELS[item]}」を確認してください`,
        })
    if (value.termEndOn && value.termEndOn < value.appointedOn)
      ctx.addIssue({ code: 'custom', path: ['termEndOn'], message: '任期の終了日は任命日以降の日付にしてください' })
  })
export type AppointInput = z.infer<typeof AppointSchema>

export const AppointmentEndSchema = z.object({
  lockVersion: requiredLockVersion,
  endedOn: dateField('終了日'),
  endReason: z.enum(['term_end', 'resignation', 'other'], { message: '終了の理由を選択してください' }),
  endNote: optionalText('終了の補足', 1000),
})
export type AppointmentEndInput = z.infer<typeof AppointmentEndSchema>

export const AppointmentRevokeSchema = z.object({
  lockVersion: requiredLockVersion,
  endedOn: dateField('取消しの日'),
  endNote: requiredText('取消しの理由', 1000),
})
export type AppointmentRevokeInput = z.infer<typeof AppointmentRevokeSchema>

export const AppointmentWithdrawSchema = z.object({
  lockVersion: requiredLockVersion,
  note: optionalText('取下げの理由', 1000),
})

// ---- 一覧の絞り込み ------------------------------------------------------------------------------------------

// Unknown values are ignored (a stale bookmark still opens the list), never a 500.
const AppointmentFilterSchema = z.object({
  status: z.enum(valuesOf(APPOINTMENT_STATUS_LABELS)).optional().catch(undefined),
  pref: z.string().regex(PREFECTURE_CODE).optional().catch(undefined),
  q: plainString().trim().max(100).optional().catch(undefined),
})

export function appointmentFilterOf(searchParams: URLSearchParams) {
  const filter = AppointmentFilterSchema.parse(
    Object.fromEntries([...searchParams.entries()].filter(([, value]) => value !== '')),
  )
  return { status: filter.status, prefectureCode: filter.pref, q: filter.q || undefined }
}
