// Placements (配置) through the real routes on real Postgres: recording one (each bad field answered in Japanese),
// a municipality's own CIO補佐官等, the pool link, editing with a stale form, one fiscal year's cost lines (yen as
// officials type them), starting and ending with history and audit, the scope of every role (another tenant's
// placement is 404; loader data holds nothing outside the viewer's scope), the CSV, the municipal home page, and
// the two functions other features call: the draft from a 内定 and the funding read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDraftPlacementFromOffer } from '../../app/models/placement.server'
import { actorFrom } from '../../app/models/audit.server'
import { loader as auditLoader } from '../../app/routes/admin.audit._index/route'
import { loader as homeLoader } from '../../app/routes/_index'
import { action as placementAction, loader as placementLoader } from '../../app/routes/placements.$id/route'
import { action as costsAction, loader as costsLoader } from '../../app/routes/placements.$id_.costs/route'
import { action as editAction, loader as editLoader } from '../../app/routes/placements.$id_.edit/route'
import { loader as listLoader } from '../../app/routes/placements._index/route'
import { loader as csvLoader } from '../../app/routes/placements.export[.]csv'
import { action as newAction, loader as newLoader } from '../../app/routes/placements.new/route'
import type { Services } from '../../app/services.server'
import { listMunicipalitiesOfPrefecture } from '../../db/queries/local-government'
import { listPlacementsForFunding } from '../../db/queries/placements'
import { createPlacement, createProfile, createPublishedNeed, createUser, loginAs } from '../factories'
import { createTestServices, routeArgs, thrownResponse, unwrap } from '../services'

let services: Services
const db = () => services.database.db

beforeAll(async () => {
  services = await createTestServices({ indexed: false })
})
afterAll(async () => {
  await services?.close()
})

const HIROSHIMA = '340006'
const AKIOTA = '343684'
const KURE = '342025'

/** A conform form as the browser sends it: empty values dropped, the served rows flattened. */
function placementForm(
  fields: Record<string, string>,
  municipalities: Array<{ code: string; daysPerWeek: string; weekdays?: string }>,
) {
  const form: Record<string, string> = { ...fields }
  municipalities.forEach((m, i) => {
    form[`municipalities[${i}].code`] = m.code
    form[`municipalities[${i}].daysPerWeek`] = m.daysPerWeek
    if (m.weekdays) form[`municipalities[${i}].weekdays`] = m.weekdays
  })
  return Object.fromEntries(Object.entries(form).filter(([, v]) => v !== ''))
}

/** The edit form from the loader's defaults, with changes ('' removes a field, as an emptied input is dropped). */
async function editForm(cookie: string, id: string, changes: Record<string, string> = {}) {
  const page = await editLoader(routeArgs(services, `/placements/${id}/edit`, { cookie, params: { id } }))
  const { municipalities, ...rest } = page.defaults
  const form = placementForm({ lockVersion: String(page.lockVersion), ...rest }, municipalities)
  for (const [key, value] of Object.entries(changes)) {
    if (value === '') delete form[key]
    else form[key] = value
  }
  return form
}

const location = (response: unknown) => (response as Response).headers.get('Location')
const idFrom = (response: unknown) => location(response)!.split('/').pop()!

async function auditRows(entityId: string) {
  return db()
    .selectFrom('audit_log')
    .select(['action', 'entity', 'before', 'after', 'prefecture_code', 'municipality_code'])
    .where('entity_id', '=', entityId)
    .orderBy('id')
    .execute()
}

async function events(placementId: string) {
  return db()
    .selectFrom('placement_event')
    .select(['action', 'from_status', 'to_status', 'note'])
    .where('placement_id', '=', placementId)
    .orderBy('id')
    .execute()
}

describe('placements', () => {
  let hiroshimaStaff: string
  let okayamaStaff: string
  let akiotaStaff: string
  let kureStaff: string
  let ministry: string
  let kitahiroshima: string
  let okayamaTown: string
  let poolMemberId: string
  let okayamaMemberId: string
  let placementId: string

  beforeAll(async () => {
    kitahiroshima = (await listMunicipalitiesOfPrefecture(db(), '34')).find((m) => m.name === '北広島町')!.code
    okayamaTown = (await listMunicipalitiesOfPrefecture(db(), '33'))[0]!.code
    hiroshimaStaff = (await loginAs(services, { role: 'prefecture_staff', prefectureCode: '34' })).cookie
    okayamaStaff = (await loginAs(services, { role: 'prefecture_staff', prefectureCode: '33' })).cookie
    akiotaStaff = (await loginAs(services, { role: 'municipal_staff', municipalityCode: AKIOTA })).cookie
    kureStaff = (await loginAs(services, { role: 'municipal_staff', municipalityCode: KURE })).cookie
    ministry = (await loginAs(services, { role: 'ministry_staff' })).cookie
    const member = (prefecture: string, name: string, status: 'registered' | 'applied') => {
      const id = crypto.randomUUID()
      return db()
        .insertInto('pool_member')
        .values({ id, prefecture_code: prefecture, status, source: 'referral', person_name: name })
        .execute()
        .then(() => id)
    }
    poolMemberId = await member('34', 'プール 登録者', 'registered')
    await member('34', 'プール 応募中', 'applied')
    okayamaMemberId = await member('33', '岡山 登録者', 'registered')
  })

  it('prefecture staff record a placement; each bad field is answered in Japanese at the field', async () => {
    const page = await newLoader(routeArgs(services, '/placements/new', { cookie: hiroshimaStaff }))
    expect(page).toMatchObject({ employerName: '広島県', kind: 'municipal_support' })
    // Only registered members of the prefecture's own pool are offered, by name alone.
    expect(page.poolMembers).toEqual([{ id: poolMemberId, name: 'プール 登録者' }])
    expect(page.municipalities.map((m) => m.code)).toContain(AKIOTA)
    expect(page.municipalities.every((m) => m.code.startsWith('34'))).toBe(true)

    const errorsOf = (result: { body: unknown }) =>
      (result.body as { result: { error: Record<string, string[]> } }).result.error
    // Each field's own rule first (the browser checks the same on blur)…
    const bad = unwrap(
      await newAction(
        routeArgs(services, '/placements/new', {
          cookie: hiroshimaStaff,
          form: placementForm({ personName: '配置 一郎', personKana: 'yamada', startOn: '2027-02-30' }, [
            { code: AKIOTA, daysPerWeek: '8' },
            { code: kitahiroshima, daysPerWeek: '1.3' },
            { code: 'x', daysPerWeek: 'abc' },
          ]),
        }),
      ),
    )
    expect(bad.status).toBe(400)
    expect(errorsOf(bad)).toEqual({
      personKana: ['ふりがなはひらがなかカタカナで入力してください（例: やまだ たろう）'],
      employment: ['任用・契約の形態を選択してください'],
      startOn: ['開始日を正しい日付で入力してください（例: 2027-04-01）'],
      'municipalities[0].daysPerWeek': ['週の日数は7日以内にしてください'],
      'municipalities[1].daysPerWeek': ['週の日数は0.5日単位で入力してください（例: 1.5）'],
      'municipalities[2].code': ['市区町村を一覧から選択してください'],
      'municipalities[2].daysPerWeek': ['週の日数を半角数字で入力してください（例: 1、0.5）'],
    })
    // …then the rules between fields.
    const inconsistent = unwrap(
      await newAction(
        routeArgs(services, '/placements/new', {
          cookie: hiroshimaStaff,
          form: placementForm({ employment: 'contract', fixedTerm: 'on', startOn: '2026-05-01', endOn: '2026-04-01' }, [
            { code: AKIOTA, daysPerWeek: '1' },
            { code: AKIOTA, daysPerWeek: '2' },
          ]),
        }),
      ),
    )
    expect(errorsOf(inconsistent)).toEqual({
      personName: ['氏名を入力してください（人材プールの登録者を選ぶ場合は空欄でかまいません）'],
      fixedTerm: ['業務委託では「任期付」は選べません'],
      endOn: ['終了日（予定）は開始日以降の日付にしてください'],
      'municipalities[1].code': ['同じ市区町村が2回選ばれています'],
    })
    const nobody = unwrap(
      await newAction(
        routeArgs(services, '/placements/new', {
          cookie: hiroshimaStaff,
          form: placementForm({ personName: '配置 一郎', employment: 'part_time' }, []),
        }),
      ),
    )
    expect(errorsOf(nobody)).toEqual({ municipalities: ['支援する市区町村と週の日数を1つ以上入力してください'] })

    // What only the database knows: a body outside the prefecture, another prefecture's pool member.
    const outside = unwrap(
      await newAction(
        routeArgs(services, '/placements/new', {
          cookie: hiroshimaStaff,
          form: placementForm({ personName: '配置 一郎', employment: 'full_time', poolMemberId: okayamaMemberId }, [
            { code: okayamaTown, daysPerWeek: '1' },
          ]),
        }),
      ),
    )
    expect(outside.status).toBe(400)
    const outsideErrors = errorsOf(outside)
    expect(outsideErrors['municipalities[0].code']![0]).toContain('は管内の市区町村ではありません')
    expect(outsideErrors.poolMemberId).toEqual(['人材プールの登録者を一覧から選択してください'])
    expect(await db().selectFrom('placement').select('id').execute()).toEqual([])

    // From the pool, the name left blank: the pool's record names the person.
    const created = await newAction(
      routeArgs(services, '/placements/new', {
        cookie: hiroshimaStaff,
        form: placementForm(
          {
            poolMemberId,
            jobTitle: 'DX推進専門員',
            employment: 'full_time',
            fixedTerm: 'on',
            mainDutyMunicipalSupport: 'on',
            note: '県庁情報政策課に所属',
          },
          [
            { code: AKIOTA, daysPerWeek: '2', weekdays: '火・木' },
            { code: kitahiroshima, daysPerWeek: '1.5' },
          ],
        ),
      }),
    )
    expect(location(created)).toMatch(/^\/placements\/[0-9a-f-]{36}$/)
    placementId = idFrom(created)
    const row = await db().selectFrom('placement').selectAll().where('id', '=', placementId).executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      employer_code: HIROSHIMA,
      prefecture_code: '34',
      kind: 'municipal_support',
      status: 'draft',
      person_name: 'プール 登録者',
      pool_member_id: poolMemberId,
      employment: 'full_time',
      fixed_term: true,
      main_duty_municipal_support: true,
      plan_drafting_only: false,
      start_on: null,
      lock_version: 0,
    })
    expect(await events(placementId)).toEqual([{ action: 'create', from_status: null, to_status: 'draft', note: '' }])
    const [audit] = await auditRows(placementId)
    expect(audit).toMatchObject({ action: 'create', entity: 'placement', prefecture_code: '34' })
    expect(audit!.after).toMatchObject({
      employer_code: HIROSHIMA,
      name: 'プール 登録者',
      municipalities: [`${AKIOTA}:2`, `${kitahiroshima}:1.5`],
      weekdays: [`${AKIOTA}:火・木`],
    })
  })

  it('a municipality records its own CIO補佐官等, for itself only and without the pool', async () => {
    const page = await newLoader(routeArgs(services, '/placements/new', { cookie: kureStaff }))
    expect(page).toMatchObject({
      employerName: '呉市',
      kind: 'cio_adviser',
      municipalities: [{ code: KURE, name: '呉市' }],
      poolMembers: [],
    })
    const elsewhere = unwrap(
      await newAction(
        routeArgs(services, '/placements/new', {
          cookie: kureStaff,
          form: placementForm({ personName: '補佐 官', employment: 'special_part_time', poolMemberId }, [
            { code: AKIOTA, daysPerWeek: '1' },
          ]),
        }),
      ),
    )
    const errors = (elsewhere.body as { result: { error: Record<string, string[]> } }).result.error
    expect(errors.municipalities).toEqual(['CIO補佐官等は呉市の勤務日数だけを入力してください'])
    expect(errors.poolMemberId).toEqual(['人材プールの登録者を一覧から選択してください'])

    const created = await newAction(
      routeArgs(services, '/placements/new', {
        cookie: kureStaff,
        form: placementForm(
          {
            personName: '補佐 官',
            employment: 'special_part_time',
            planDraftingOnly: 'on',
            // Not a fact of a CIO補佐官等: stored as no whatever the form says.
            mainDutyMunicipalSupport: 'on',
            startOn: '2026-04-01',
          },
          [{ code: KURE, daysPerWeek: '0.5', weekdays: '第1・第3水曜' }],
        ),
      }),
    )
    const id = idFrom(created)
    expect(
      await db()
        .selectFrom('placement')
        .select(['employer_code', 'kind', 'plan_drafting_only', 'main_duty_municipal_support'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow(),
    ).toEqual({
      employer_code: KURE,
      kind: 'cio_adviser',
      plan_drafting_only: true,
      main_duty_municipal_support: false,
    })
    const [audit] = await auditRows(id)
    expect(audit).toMatchObject({ action: 'create', prefecture_code: '34', municipality_code: KURE })
  })

  it('edits with the lock version: a stale form gets the conflict message and keeps what was typed', async () => {
    const first = await editForm(hiroshimaStaff, placementId, {
      startOn: '2026-04-01',
      'municipalities[1].daysPerWeek': '4',
    })
    const stale = { ...first }
    const saved = await editAction(
      routeArgs(services, `/placements/${placementId}/edit`, {
        cookie: hiroshimaStaff,
        params: { id: placementId },
        form: first,
      }),
    )
    expect(location(saved)).toBe(`/placements/${placementId}`)

    const conflict = unwrap(
      await editAction(
        routeArgs(services, `/placements/${placementId}/edit`, {
          cookie: hiroshimaStaff,
          params: { id: placementId },
          form: { ...stale, jobTitle: '上書きしようとした職名' },
        }),
      ),
    )
    expect(conflict.status).toBe(409)
    const body = conflict.body as {
      result: { error: Record<string, string[]>; initialValue: Record<string, unknown> }
      lockVersion: number
    }
    expect(body.result.error['']).toEqual([
      'ほかの人がこの配置を先に更新しました。最新の内容を確認してから、もう一度保存してください（入力した内容は残っています）。',
    ])
    expect(body.result.initialValue.jobTitle).toBe('上書きしようとした職名')
    expect(body.lockVersion).toBe(1)
    const row = await db()
      .selectFrom('placement')
      .select(['job_title', 'lock_version'])
      .where('id', '=', placementId)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ job_title: 'DX推進専門員', lock_version: 1 })

    const update = (await auditRows(placementId)).find((a) => a.action === 'update')!
    expect(update.before).toMatchObject({ start_on: null, municipalities: [`${AKIOTA}:2`, `${kitahiroshima}:1.5`] })
    expect(update.after).toMatchObject({
      start_on: '2026-04-01',
      municipalities: [`${AKIOTA}:2`, `${kitahiroshima}:4`],
    })
    // Six days a week in all is warned about on the page, not refused.
    const page = await placementLoader(
      routeArgs(services, `/placements/${placementId}`, { cookie: hiroshimaStaff, params: { id: placementId } }),
    )
    expect(page.placement.daysTotal).toBe(6)
    expect(page.placement.daysWarning).toContain('週6日で、週5日を超えています')
  })

  it('saves one fiscal year’s cost lines, reading yen as typed and refusing what is not an amount', async () => {
    const url = `/placements/${placementId}/costs?fy=2026`
    const page = await costsLoader(routeArgs(services, url, { cookie: hiroshimaStaff, params: { id: placementId } }))
    expect(page).toMatchObject({ fiscalYear: 2026, fiscalYearLabel: '令和8年度', defaults: { salary: '' } })
    const post = (form: Record<string, string>) =>
      costsAction(
        routeArgs(services, url, {
          cookie: hiroshimaStaff,
          params: { id: placementId },
          form: { lockVersion: String(page.lockVersion), fiscalYear: '2026', ...form },
        }),
      )

    const bad = unwrap(
      await post({
        salary: '-5',
        remuneration: '1.5',
        commission: '1,2,3',
        travel: 'abc',
        communication: '10,000,000,001',
      }),
    )
    expect(bad.status).toBe(400)
    expect((bad.body as { result: { error: Record<string, string[]> } }).result.error).toEqual({
      salary: ['給与・人件費にマイナスの金額は入力できません'],
      remuneration: ['報酬（期末手当等を含む）は1円単位の整数で入力してください（小数は使えません）'],
      commission: ['委託料は円単位の数字で入力してください（例: 1200000 または 1,200,000）'],
      travel: ['交通費は円単位の数字で入力してください（例: 1200000 または 1,200,000）'],
      communication: ['通信運搬費が大きすぎます（100億円以下で入力してください）'],
    })
    expect(await db().selectFrom('placement_cost').select('amount').execute()).toEqual([])

    const saved = await post({
      salary: '7,800,000',
      travel: '１２，０００円',
      trainingProgramme: '120000',
      recruitment: '0',
    })
    expect(location(saved)).toBe(`/placements/${placementId}`)
    const lines = await db()
      .selectFrom('placement_cost')
      .select(['fiscal_year', 'item', 'in_programme', 'amount'])
      .where('placement_id', '=', placementId)
      .orderBy('item')
      .execute()
    expect(lines.map((l) => ({ ...l, amount: Number(l.amount) }))).toEqual([
      { fiscal_year: 2026, item: 'recruitment', in_programme: false, amount: 0 },
      { fiscal_year: 2026, item: 'salary', in_programme: false, amount: 7_800_000 },
      { fiscal_year: 2026, item: 'training', in_programme: true, amount: 120_000 },
      { fiscal_year: 2026, item: 'travel', in_programme: false, amount: 12_000 },
    ])

    // The form read before that save is stale now: nothing is lost or overwritten.
    const stale = unwrap(await post({ salary: '1' }))
    expect(stale.status).toBe(409)
    expect((stale.body as { lockVersion: number }).lockVersion).toBe(page.lockVersion + 1)

    // Another year is its own set of lines; saving it leaves 2026 alone.
    const next = await costsLoader(
      routeArgs(services, `/placements/${placementId}/costs?fy=2027`, {
        cookie: hiroshimaStaff,
        params: { id: placementId },
      }),
    )
    await costsAction(
      routeArgs(services, `/placements/${placementId}/costs?fy=2027`, {
        cookie: hiroshimaStaff,
        params: { id: placementId },
        form: { lockVersion: String(next.lockVersion), fiscalYear: '2027', salary: '8000000' },
      }),
    )
    const again = await costsLoader(routeArgs(services, url, { cookie: hiroshimaStaff, params: { id: placementId } }))
    expect(again.defaults).toMatchObject({ salary: '7,800,000', travel: '12,000', trainingProgramme: '120,000' })

    const detail = await placementLoader(
      routeArgs(services, `/placements/${placementId}`, { cookie: hiroshimaStaff, params: { id: placementId } }),
    )
    expect(detail.employerRecord!.costs.years.map((y) => y.label)).toEqual(['令和8年度', '令和9年度'])
    expect(detail.employerRecord!.costs.totals).toEqual([7_932_000, 8_000_000])
    expect(detail.employerRecord!.costs.rows.find((r) => r.key === 'trainingProgramme')).toEqual({
      key: 'trainingProgramme',
      label: '研修費（DX推進リーダー育成プログラム）',
      amounts: [120_000, null],
    })

    const costAudits = (await auditRows(placementId)).filter((a) => a.action === 'update_costs')
    expect(costAudits[0]!.before).toEqual({ fiscal_year: 2026 })
    expect(costAudits[0]!.after).toEqual({
      fiscal_year: 2026,
      salary_yen: 7_800_000,
      travel_yen: 12_000,
      recruitment_yen: 0,
      trainingProgramme_yen: 120_000,
    })
    expect(
      (
        await thrownResponse(() =>
          costsLoader(
            routeArgs(services, `/placements/${placementId}/costs?fy=R8`, {
              cookie: hiroshimaStaff,
              params: { id: placementId },
            }),
          ),
        )
      ).status,
    ).toBe(400)
  })

  it('starts and ends a placement, with its history and audit; a draft without a start date is refused', async () => {
    const draft = await createPlacement(db(), { status: 'draft', startOn: null, personName: '開始日 未定' })
    const { lock_version: draftVersion } = await db()
      .selectFrom('placement')
      .select('lock_version')
      .where('id', '=', draft)
      .executeTakeFirstOrThrow()
    const refused = unwrap(
      await placementAction(
        routeArgs(services, `/placements/${draft}`, {
          cookie: hiroshimaStaff,
          params: { id: draft },
          form: { intent: 'activate', lockVersion: String(draftVersion) },
        }),
      ),
    )
    expect(refused.status).toBe(400)
    expect(refused.body).toMatchObject({
      errors: ['配置を開始するには、「編集する」から次の項目を入力してください: 開始日'],
    })

    const act = (form: Record<string, string>) =>
      placementAction(
        routeArgs(services, `/placements/${placementId}`, {
          cookie: hiroshimaStaff,
          params: { id: placementId },
          form,
        }),
      )
    const version = async () =>
      String(
        (
          await db()
            .selectFrom('placement')
            .select('lock_version')
            .where('id', '=', placementId)
            .executeTakeFirstOrThrow()
        ).lock_version,
      )
    const stale = unwrap(await act({ intent: 'activate', lockVersion: '0' }))
    expect(stale.status).toBe(409)
    expect(location(await act({ intent: 'activate', lockVersion: await version(), note: '4月1日着任' }))).toBe(
      `/placements/${placementId}`,
    )

    const badEnd = unwrap(await act({ intent: 'end', lockVersion: await version(), endOn: '2099-03-31' }))
    expect(badEnd.status).toBe(400)
    expect((badEnd.body as { fieldErrors: Record<string, string[]> }).fieldErrors).toEqual({
      endReason: ['終了の理由を選択してください'],
    })
    const future = unwrap(
      await act({ intent: 'end', lockVersion: await version(), endOn: '2099-03-31', endReason: 'resignation' }),
    )
    expect((future.body as { fieldErrors: Record<string, string[]> }).fieldErrors.endOn![0]).toContain(
      '以前の日付にしてください',
    )
    const early = unwrap(
      await act({ intent: 'end', lockVersion: await version(), endOn: '2026-03-31', endReason: 'resignation' }),
    )
    expect((early.body as { fieldErrors: Record<string, string[]> }).fieldErrors.endOn![0]).toContain(
      '開始日（2026年4月1日）以降',
    )
    expect(
      location(
        await act({
          intent: 'end',
          lockVersion: await version(),
          endOn: '2026-09-30',
          endReason: 'resignation',
          endNote: '一身上の都合',
        }),
      ),
    ).toBe(`/placements/${placementId}`)

    const row = await db()
      .selectFrom('placement')
      .select(['status', 'end_reason', 'end_note'])
      .select((eb) => eb.fn<string>('to_char', ['end_on', eb.val('YYYY-MM-DD')]).as('end_on'))
      .where('id', '=', placementId)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ status: 'ended', end_on: '2026-09-30', end_reason: 'resignation', end_note: '一身上の都合' })
    expect((await events(placementId)).map((e) => `${e.action}:${e.from_status ?? ''}→${e.to_status}`)).toEqual([
      'create:→draft',
      'update:draft→draft',
      'update_costs:draft→draft',
      'update_costs:draft→draft',
      'activate:draft→active',
      'end:active→ended',
    ])
    const audits = await auditRows(placementId)
    expect(audits.map((a) => a.action)).toEqual(['create', 'update', 'update_costs', 'update_costs', 'activate', 'end'])
    expect(audits.at(-1)!.after).toEqual({
      status: 'ended',
      end_on: '2026-09-30',
      end_reason: 'resignation',
      note: '一身上の都合',
    })

    const page = await placementLoader(
      routeArgs(services, `/placements/${placementId}`, { cookie: hiroshimaStaff, params: { id: placementId } }),
    )
    expect(page).toMatchObject({ canEdit: false, canActivate: false, canEnd: false })
    expect(page.placement.endReasonLabel).toBe('辞職')
    expect(page.history.at(-1)).toMatchObject({ from: '配置中', to: '終了', note: '辞職（2026-09-30）：一身上の都合' })
    expect(page.history.at(-2)).toMatchObject({ from: '下書き', to: '配置中', note: '4月1日着任' })
    // An ended placement is history: no more edits (its costs can still be settled).
    expect(
      (
        await thrownResponse(() =>
          editLoader(
            routeArgs(services, `/placements/${placementId}/edit`, {
              cookie: hiroshimaStaff,
              params: { id: placementId },
            }),
          ),
        )
      ).status,
    ).toBe(403)
    const again = unwrap(await act({ intent: 'activate', lockVersion: await version() }))
    expect(again.body).toMatchObject({ errors: ['「終了」の配置は開始できません。'] })

    // The audit page reads it all in Japanese.
    const adminCookie = (await loginAs(services, { role: 'ministry_admin' })).cookie
    const audit = unwrap(
      await auditLoader(
        routeArgs(services, '/admin/audit?entity=placement&action=update_costs', { cookie: adminCookie }),
      ),
    )
    // The year is in the summary (it is the same before and after, so no change names it).
    const costRow = audit.body.result!.rows.find(
      (r) => r.entityId === placementId && r.summary.includes('令和8年度の経費'),
    )!
    expect(costRow).toMatchObject({ entity: '配置', action: '経費の更新' })
    expect(costRow.changes).toContainEqual({
      key: 'salary_yen',
      label: '給与・人件費',
      before: '（なし）',
      after: '7,800,000円',
    })
  })

  describe('scope', () => {
    let servesAkiota: string
    let servesKitahiroshimaOnly: string
    let kureCio: string
    let okayamaPlacement: string

    beforeAll(async () => {
      servesAkiota = await createPlacement(db(), {
        personName: '安芸太田 支援者',
        costs: [{ fy: 2026, item: 'salary', amount: 6_543_210 }],
      })
      await db().updateTable('placement').set({ note: '県の内部メモ' }).where('id', '=', servesAkiota).execute()
      servesKitahiroshimaOnly = await createPlacement(db(), {
        personName: '北広島 支援者',
        municipalities: [{ code: kitahiroshima, daysPerWeek: 3 }],
      })
      kureCio = await createPlacement(db(), {
        employerCode: KURE,
        personName: '呉 補佐官',
        costs: [{ fy: 2026, item: 'remuneration', amount: 2_400_000 }],
      })
      okayamaPlacement = await createPlacement(db(), {
        employerCode: '330001',
        personName: '岡山 支援者',
        municipalities: [{ code: okayamaTown, daysPerWeek: 2 }],
      })
    })

    const page = (cookie: string, id: string) =>
      placementLoader(routeArgs(services, `/placements/${id}`, { cookie, params: { id } }))
    const status = async (run: () => Promise<unknown>) => (await thrownResponse(run)).status
    const list = async (cookie: string, query = '') =>
      (await listLoader(routeArgs(services, `/placements${query}`, { cookie }))).placements

    it('another prefecture’s placement is 404 by id, for reading and for every change', async () => {
      expect(await status(() => page(okayamaStaff, servesAkiota))).toBe(404)
      const names = (await list(okayamaStaff)).map((p) => p.personName)
      expect(names).toEqual(['岡山 支援者'])
      for (const run of [
        () =>
          editLoader(
            routeArgs(services, `/placements/${servesAkiota}/edit`, {
              cookie: okayamaStaff,
              params: { id: servesAkiota },
            }),
          ),
        () =>
          costsLoader(
            routeArgs(services, `/placements/${servesAkiota}/costs`, {
              cookie: okayamaStaff,
              params: { id: servesAkiota },
            }),
          ),
        () =>
          placementAction(
            routeArgs(services, `/placements/${servesAkiota}`, {
              cookie: okayamaStaff,
              params: { id: servesAkiota },
              form: { intent: 'end', lockVersion: '0', endOn: '2026-09-30', endReason: 'other' },
            }),
          ),
      ])
        expect(await status(run)).toBe(404)
    })

    it('a prefecture reads its municipalities’ CIO補佐官等 but changes only its own body’s placements', async () => {
      const names = (await list(hiroshimaStaff)).map((p) => p.personName)
      expect(names).toEqual(expect.arrayContaining(['安芸太田 支援者', '北広島 支援者', '呉 補佐官', '補佐 官']))
      expect(names).not.toContain('岡山 支援者')
      const kure = await page(hiroshimaStaff, kureCio)
      expect(kure).toMatchObject({ canEdit: false, canEnd: false })
      expect(kure.employerRecord!.costs.totals).toEqual([2_400_000])
      expect(
        await status(() =>
          editLoader(
            routeArgs(services, `/placements/${kureCio}/edit`, { cookie: hiroshimaStaff, params: { id: kureCio } }),
          ),
        ),
      ).toBe(403)
      expect((await list(hiroshimaStaff, '?kind=cio_adviser')).map((p) => p.personName).sort()).toEqual([
        '呉 補佐官',
        '補佐 官',
      ])
    })

    it('municipal staff see the placements they employ or are served by, without the employer’s record of the others', async () => {
      const akiota = await list(akiotaStaff)
      // Every placement serving 安芸太田町, whatever its status; none serving only other bodies.
      expect(akiota.map((p) => p.personName).sort()).toEqual(['プール 登録者', '安芸太田 支援者', '開始日 未定'].sort())
      expect(JSON.stringify(akiota)).not.toContain('北広島 支援者')
      expect(JSON.stringify(akiota)).not.toContain('呉 補佐官')

      const served = await page(akiotaStaff, servesAkiota)
      expect(served.employerRecord).toBeNull()
      expect(served).toMatchObject({ canEdit: false, canActivate: false, canEnd: false })
      expect(served.placement.poolMemberHref).toBeNull()
      const json = JSON.stringify(served)
      expect(json).not.toContain('6543210')
      expect(json).not.toContain('県の内部メモ')

      expect(await status(() => page(akiotaStaff, servesKitahiroshimaOnly))).toBe(404)
      expect(await status(() => page(akiotaStaff, kureCio))).toBe(404)
      expect(
        await status(() =>
          placementAction(
            routeArgs(services, `/placements/${servesAkiota}`, {
              cookie: akiotaStaff,
              params: { id: servesAkiota },
              form: { intent: 'end', lockVersion: '0', endOn: '2026-09-30', endReason: 'other' },
            }),
          ),
        ),
      ).toBe(403)

      // Kure reads its own CIO補佐官等 with the costs, and changes it.
      const own = await page(kureStaff, kureCio)
      expect(own).toMatchObject({ canEdit: true, canEnd: true })
      expect(own.employerRecord!.costs.totals).toEqual([2_400_000])
      expect(await status(() => page(kureStaff, servesAkiota))).toBe(404)
    })

    it('the ministry reads every prefecture’s placements and changes none; professionals get 403', async () => {
      const all = (await list(ministry)).map((p) => p.personName)
      expect(all).toEqual(expect.arrayContaining(['安芸太田 支援者', '岡山 支援者', '呉 補佐官']))
      expect((await list(ministry, '?pref=33')).map((p) => p.personName)).toEqual(['岡山 支援者'])
      const detail = await page(ministry, okayamaPlacement)
      expect(detail).toMatchObject({ canEdit: false, canActivate: false, canEnd: false })
      expect(await status(() => newLoader(routeArgs(services, '/placements/new', { cookie: ministry })))).toBe(403)
      expect(
        await status(() =>
          placementAction(
            routeArgs(services, `/placements/${okayamaPlacement}`, {
              cookie: ministry,
              params: { id: okayamaPlacement },
              form: { intent: 'end', lockVersion: '0', endOn: '2026-09-30', endReason: 'other' },
            }),
          ),
        ),
      ).toBe(403)
      const professional = (await loginAs(services, { role: 'professional' })).cookie
      expect(await status(() => listLoader(routeArgs(services, '/placements', { cookie: professional })))).toBe(403)
      expect(await status(() => page(professional, okayamaPlacement))).toBe(403)
    })

    it('filters by status, kind and the fiscal year a placement is active in', async () => {
      const ended = await createPlacement(db(), {
        personName: '令和7年度 終了',
        status: 'ended',
        startOn: '2025-04-01',
        endOn: '2025-12-31',
      })
      const inFy2025 = (await list(hiroshimaStaff, '?fy=2025')).map((p) => p.personName)
      expect(inFy2025).toEqual(['令和7年度 終了'])
      expect((await list(hiroshimaStaff, '?status=ended')).map((p) => p.personName)).toContain('令和7年度 終了')
      expect((await list(hiroshimaStaff, '?status=draft')).map((p) => p.personName).sort()).toEqual(
        ['補佐 官', '開始日 未定'].sort(),
      )
      // A stale bookmark with unknown values opens the whole list.
      expect((await list(hiroshimaStaff, '?status=nope&fy=R7')).length).toBeGreaterThan(3)
      expect(ended).toBeTruthy()
    })

    it('exports the viewer’s placements as CSV for Excel, with the same scope', async () => {
      const response = (await csvLoader(
        routeArgs(services, '/placements/export.csv', { cookie: hiroshimaStaff }),
      )) as Response
      expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
      expect(decodeURIComponent(response.headers.get('Content-Disposition')!)).toMatch(/配置一覧_広島県_\d{8}\.csv/)
      const bytes = new Uint8Array(await response.arrayBuffer())
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
      const text = new TextDecoder().decode(bytes)
      const lines = text.trim().split('\r\n')
      expect(lines[0]).toContain('ID,雇用する団体,団体コード,種別,氏名')
      expect(text).toContain('安芸太田 支援者')
      expect(text).toContain(`安芸太田町（週2日・火・木）`)
      expect(text).not.toContain('岡山 支援者')

      const okayama = await (
        (await csvLoader(routeArgs(services, '/placements/export.csv', { cookie: okayamaStaff }))) as Response
      ).text()
      expect(okayama).toContain('岡山 支援者')
      expect(okayama).not.toContain('安芸太田 支援者')
      const akiota = await (
        (await csvLoader(
          routeArgs(services, '/placements/export.csv?status=active', { cookie: akiotaStaff }),
        )) as Response
      ).text()
      expect(akiota).toContain('安芸太田 支援者')
      expect(akiota).not.toContain('北広島 支援者')
      expect(akiota).not.toContain('呉 補佐官')
    })

    it('the municipal home page says who supports the municipality, on which days, from when to when', async () => {
      const home = async (cookie: string) => {
        const result = await homeLoader(routeArgs(services, '/', { cookie }))
        if (result.home.kind !== 'municipality') throw new Error(result.home.kind)
        return result.home.supporters
      }
      const akiota = await home(akiotaStaff)
      expect(akiota).toContainEqual(
        expect.objectContaining({
          placementId: servesAkiota,
          personName: '安芸太田 支援者',
          employerName: '広島県',
          daysPerWeek: 2,
          weekdays: '火・木',
          period: '2026年4月1日〜',
        }),
      )
      const names = akiota.map((s) => s.personName)
      // Not the ended one, not the draft, not those serving other bodies.
      expect(names).not.toContain('プール 登録者')
      expect(names).not.toContain('開始日 未定')
      expect(names).not.toContain('北広島 支援者')
      // Its own CIO補佐官等 once started (the one still a draft is not there yet).
      expect((await home(kureStaff)).map((s) => s.personName)).toEqual(['呉 補佐官'])
    })

    it('reads placements for the funding engine: no drafts, costs of the asked years as numbers, the employer’s only', async () => {
      const rows = await listPlacementsForFunding(db(), { kind: 'prefecture', prefectureCode: '34' }, [2026])
      const byId = new Map(rows.map((r) => [r.id, r]))
      expect(byId.get(servesAkiota)).toEqual({
        id: servesAkiota,
        employer: HIROSHIMA,
        personName: expect.any(String),
        kind: 'municipal_support',
        employment: 'full_time',
        fixedTerm: false,
        mainDutyMunicipalSupport: true,
        appointedAccelerator: false,
        designatedDxLeader: false,
        planDraftingOnly: false,
        start: '2026-04-01',
        end: null,
        costs: [{ fy: 2026, item: 'salary', amount: 6_543_210, inProgramme: false }],
      })
      expect(byId.get(placementId)!.costs).toEqual([
        { fy: 2026, item: 'recruitment', amount: 0, inProgramme: false },
        { fy: 2026, item: 'salary', amount: 7_800_000, inProgramme: false },
        { fy: 2026, item: 'training', amount: 120_000, inProgramme: true },
        { fy: 2026, item: 'travel', amount: 12_000, inProgramme: false },
      ])
      expect(rows.some((r) => r.id === okayamaPlacement)).toBe(false)
      expect(rows.every((r) => r.start !== '')).toBe(true)
      const names = await db()
        .selectFrom('placement')
        .select(['id', 'person_name'])
        .where('status', '=', 'draft')
        .execute()
      for (const draft of names) expect(byId.has(draft.id)).toBe(false)
      // 令和7年度 only: the placement that ended in FY2025, nothing from FY2026.
      const fy2025 = await listPlacementsForFunding(db(), { kind: 'prefecture', prefectureCode: '34' }, [2025])
      expect(fy2025.map((r) => r.end)).toEqual(['2025-12-31'])
      const kure = await listPlacementsForFunding(
        db(),
        { kind: 'municipality', prefectureCode: '34', municipalityCode: KURE },
        [2026],
      )
      expect(kure.map((r) => r.id)).toEqual([kureCio])
    })
  })

  it('starts a draft from a 内定 inside the caller’s transaction, once per 内定', async () => {
    const staff = await createUser(db(), { role: 'prefecture_staff', prefectureCode: '34' })
    const professional = await createUser(db(), { role: 'professional' })
    const profileId = await createProfile(db(), professional.id, { familyName: '内定' })
    const needId = await createPublishedNeed(db(), { title: '兼業の支援', employmentForm: 'side_job', skills: [] })
    const entryId = crypto.randomUUID()
    await db()
      .insertInto('need_shortlist_entry')
      .values({ id: entryId, need_id: needId, profile_id: profileId, status: 'offered' })
      .execute()
    const actor = actorFrom(routeArgs(services, '/').context, staff)
    const offer = {
      needId,
      shortlistEntryId: entryId,
      profileId,
      poolMemberId: null,
      personName: '内定 太郎',
      personKana: 'ないてい たろう',
      prefectureCode: '34',
      employment: 'side_job' as const,
      municipalities: [{ code: AKIOTA, daysPerWeek: 2 }],
      actor,
    }
    const first = await db()
      .transaction()
      .execute((trx) => createDraftPlacementFromOffer(trx, offer))
    expect(first.created).toBe(true)
    const second = await db()
      .transaction()
      .execute((trx) => createDraftPlacementFromOffer(trx, offer))
    expect(second).toEqual({ id: first.id, created: false })
    expect(
      await db()
        .selectFrom('placement')
        .select(['employer_code', 'kind', 'status', 'employment', 'need_id', 'shortlist_entry_id', 'profile_id'])
        .where('id', '=', first.id)
        .executeTakeFirstOrThrow(),
    ).toEqual({
      employer_code: HIROSHIMA,
      kind: 'municipal_support',
      status: 'draft',
      employment: 'part_time',
      need_id: needId,
      shortlist_entry_id: entryId,
      profile_id: profileId,
    })
    expect(await events(first.id)).toEqual([
      { action: 'create', from_status: null, to_status: 'draft', note: '内定から作成' },
    ])
    expect((await auditRows(first.id)).map((a) => a.action)).toEqual(['create'])
    // The prefecture's staff find it among their drafts, ready to complete and start.
    const cookie = (await loginAs(services, { role: 'prefecture_staff', prefectureCode: '34' })).cookie
    const page = await placementLoader(
      routeArgs(services, `/placements/${first.id}`, { cookie, params: { id: first.id } }),
    )
    expect(page.placement).toMatchObject({
      personName: '内定 太郎',
      employmentLabel: '非常勤',
      needHref: `/needs/${needId}`,
    })
    expect(page.activationProblems).toEqual(['開始日'])
    // Completing it keeps the link to the person's profile the 内定 made.
    const completed = await editAction(
      routeArgs(services, `/placements/${first.id}/edit`, {
        cookie,
        params: { id: first.id },
        form: await editForm(cookie, first.id, { startOn: '2027-04-01' }),
      }),
    )
    expect(location(completed)).toBe(`/placements/${first.id}`)
    expect(
      await db()
        .selectFrom('placement')
        .select(['profile_id', 'pool_member_id'])
        .where('id', '=', first.id)
        .executeTakeFirstOrThrow(),
    ).toEqual({ profile_id: profileId, pool_member_id: null })
  })
})
