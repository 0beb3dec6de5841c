// Export and import of the skill standard through the real routes: public exports of published
// versions, the ministry's draft exports, and the import page that replaces the draft only when every row
// of the file is valid — round trips in both formats, the full error report, Shift_JIS, and who may do what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseImportFile } from '../../app/utils/skill-standard-codec.server'
import { createDraft, replaceDraftContent } from '../../app/models/skill-standard.server'
import { loader as draftCsvLoader } from '../../app/routes/admin.skill-standard.export[.]csv'
import { loader as draftJsonLoader } from '../../app/routes/admin.skill-standard.export[.]json'
import { action as importAction, loader as importLoader } from '../../app/routes/admin.skill-standard.import/route'
import { loader as publicCsvLoader } from '../../app/routes/skills.export[.]csv'
import { loader as publicJsonLoader } from '../../app/routes/skills.export[.]json'
import type { Services } from '../../app/services.server'
import { getUser, type SessionUser } from '../../app/utils/auth.server'
import { CSV_BOM, parseCsv, toCsv } from '../../app/utils/csv'
import { findVersionByStatus, readVersionContent } from '../../db/queries/skill-standard'
import type { CatalogueContent } from '../../db/skill-standard-content'
import { loginAs } from '../factories'
import { createTestServices, routeArgs, thrownResponse, unwrap } from '../services'

let services: Services
let editor: string
let editorUser: SessionUser
beforeAll(async () => {
  services = await createTestServices({ indexed: false })
  editor = (await loginAs(services, { role: 'ministry_staff' })).cookie
  const args = routeArgs(services, '/', { cookie: editor })
  editorUser = (await getUser(args.request, args.context))!
})
afterAll(async () => {
  await services?.close()
})

const context = () => routeArgs(services, '/').context
const db = () => services.database.db

type Loader = (args: ReturnType<typeof routeArgs>) => Promise<Response>
async function download(loader: Loader, url: string, cookie?: string): Promise<Response> {
  try {
    return await loader(routeArgs(services, url, { cookie }))
  } catch (error) {
    if (error instanceof Response) return error
    throw error
  }
}

/** POSTs the import form (multipart) with one file, as a browser would. */
async function upload(bytes: Uint8Array | string, filename: string, cookie = editor) {
  const form = new FormData()
  form.append('file', new File([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)], filename))
  const request = new Request('http://localhost/admin/skill-standard/import', {
    method: 'POST',
    headers: { Cookie: cookie, Origin: 'http://localhost' },
    body: form,
  })
  try {
    const { status, body } = unwrap(
      await importAction({ ...routeArgs(services, '/admin/skill-standard/import'), request }),
    )
    return { status, body, response: null }
  } catch (error) {
    if (error instanceof Response) return { status: error.status, body: null, response: error }
    throw error
  }
}

async function draftContent(): Promise<CatalogueContent> {
  const draft = await findVersionByStatus(db(), 'draft')
  const { locks: _locks, ...content } = await readVersionContent(db(), draft!.id)
  return content
}

const TINY: CatalogueContent = {
  areas: [{ id: 'only-area', name: '仮の分野', description: '', sortOrder: 0, retired: false }],
  skills: [],
  roles: [],
  qualifications: [],
}

/** Puts something different into the draft, so an import visibly replaces it. */
async function resetDraft() {
  await replaceDraftContent(context(), editorUser, TINY, 'テスト用の内容')
  expect(await draftContent()).toEqual(TINY)
}

describe('before there is a draft', () => {
  it('the import page explains that a draft is needed, and the draft exports are 404', async () => {
    const page = unwrap(await importLoader(routeArgs(services, '/admin/skill-standard/import', { cookie: editor })))
    expect(page.body.draft).toBeNull()
    const posted = await upload('{}', 'x.json')
    expect(posted.status).toBe(409)
    expect(posted.body?.formError).toContain('下書きがありません')
    expect((await download(draftCsvLoader, '/admin/skill-standard/export.csv', editor)).status).toBe(404)
    expect((await download(draftJsonLoader, '/admin/skill-standard/export.json', editor)).status).toBe(404)
  })
})

describe('public exports of a published version', () => {
  it('exports the current version as CSV: UTF-8 with BOM, Japanese file name, every item', async () => {
    const response = await download(publicCsvLoader, '/skills/export.csv')
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('Content-Disposition')).toBe(
      `attachment; filename="skill-standard-v1.csv"; filename*=UTF-8''${encodeURIComponent('スキル標準_第1版.csv')}`,
    )
    const bytes = new Uint8Array(await response.arrayBuffer())
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)
    expect(text.startsWith(CSV_BOM)).toBe(true)
    const records = parseCsv(text)
    expect(records[0]?.slice(0, 3)).toEqual(['種別', 'ID', '分野ID'])
    const published = await readVersionContent(db(), (await findVersionByStatus(db(), 'published'))!.id)
    const count = (type: string) => records.filter((r) => r[0] === type).length
    expect(count('area')).toBe(published.areas.length)
    expect(count('skill')).toBe(published.skills.length)
    expect(count('role')).toBe(published.roles.length)
    expect(count('requirement')).toBe(published.roles.reduce((n, r) => n + r.requirements.length, 0))
    expect(count('qualification')).toBe(published.qualifications.length)
    // Synonyms share one cell with the full-width bar; requirements say 必須 / 任意.
    const bpr = records.find((r) => r[0] === 'skill' && r[1] === 'bpr')!
    expect(bpr).toContain('業務改革｜業務見直し｜業務プロセス改革｜業務改善')
    expect(records.filter((r) => r[0] === 'requirement').every((r) => r.includes('必須') || r.includes('任意'))).toBe(
      true,
    )
  })

  it('exports the current version as JSON with a header naming the format and version', async () => {
    const response = await download(publicJsonLoader, '/skills/export.json')
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('application/json; charset=utf-8')
    expect(response.headers.get('Content-Disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('スキル標準_第1版.json')}`,
    )
    const document = (await response.json()) as {
      format: string
      formatVersion: number
      versionNo: number
      title: string
      content: CatalogueContent
    }
    expect(document).toMatchObject({
      format: 'dx500-skill-standard',
      formatVersion: 1,
      versionNo: 1,
      status: 'published',
    })
    const { locks: _locks, ...published } = await readVersionContent(
      db(),
      (await findVersionByStatus(db(), 'published'))!.id,
    )
    expect(document.content).toEqual(published)
  })

  it('takes ?version=N: 404 for an unknown version, 400 for a malformed one, the current one when empty', async () => {
    expect((await download(publicCsvLoader, '/skills/export.csv?version=1')).status).toBe(200)
    expect((await download(publicJsonLoader, '/skills/export.json?version=1')).headers.get('Cache-Control')).toContain(
      'max-age=86400',
    )
    expect((await download(publicCsvLoader, '/skills/export.csv?version=99')).status).toBe(404)
    expect((await download(publicJsonLoader, '/skills/export.json?version=99')).status).toBe(404)
    for (const bad of ['abc', '0', '-1', '1.5']) {
      const response = await download(publicCsvLoader, `/skills/export.csv?version=${bad}`)
      expect(response.status, bad).toBe(400)
      expect(await response.text()).toContain('1以上の整数')
    }
    const empty = await download(publicCsvLoader, '/skills/export.csv?version=')
    expect(empty.status).toBe(200)
    expect(empty.headers.get('Cache-Control')).toBe('public, max-age=0, must-revalidate')
  })
})

describe('import into the draft', () => {
  let exportedJson: string
  let exportedCsv: string
  let published: CatalogueContent

  beforeAll(async () => {
    exportedJson = await (await download(publicJsonLoader, '/skills/export.json')).text()
    exportedCsv = await (await download(publicCsvLoader, '/skills/export.csv')).text()
    published = (JSON.parse(exportedJson) as { content: CatalogueContent }).content
    expect((await createDraft(context(), editorUser)).status).toBe('ok')
  })

  it('the draft is never exported publicly: its version number is 404 there', async () => {
    const draft = await findVersionByStatus(db(), 'draft')
    expect((await download(publicCsvLoader, `/skills/export.csv?version=${draft!.version_no}`)).status).toBe(404)
  })

  it('round trip, JSON: the draft equals the exported version exactly', async () => {
    await resetDraft()
    const result = await upload(exportedJson, 'スキル標準_第1版.json')
    expect(result.status).toBe(302)
    expect(result.response?.headers.get('Location')).toBe('/admin/skill-standard')
    expect(await draftContent()).toEqual(published)
    const audit = await db()
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('action', '=', 'import')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(audit.summary).toContain('JSONファイル「スキル標準_第1版.json」')
  })

  it('round trip, CSV: the draft equals the exported version exactly, and exports back byte for byte', async () => {
    await resetDraft()
    const result = await upload(exportedCsv, 'スキル標準_第1版.csv')
    expect(result.status).toBe(302)
    expect(await draftContent()).toEqual(published)
    // The ministry's loop: download the draft, edit offline, import — the draft export is the same file.
    const draftCsv = await download(draftCsvLoader, '/admin/skill-standard/export.csv', editor)
    expect(draftCsv.headers.get('Cache-Control')).toBe('private, no-store')
    expect(draftCsv.headers.get('Content-Disposition')).toMatch(/filename="skill-standard-v2-draft-\d{8}\.csv"/)
    expect(await draftCsv.text()).toBe(exportedCsv)
    const draftJson = (await (await download(draftJsonLoader, '/admin/skill-standard/export.json', editor)).json()) as {
      status: string
      content: unknown
    }
    expect(draftJson).toMatchObject({ status: 'draft', content: published })
  })

  it('accepts the CSV without BOM, with LF line ends, English headers and Japanese record types', () => {
    const records = parseCsv(exportedCsv)
    const keys = [
      'record_type',
      'id',
      'area_id',
      'role_id',
      'skill_id',
      'name',
      'description',
      'level_1',
      'level_2',
      'level_3',
      'level_4',
      'min_level',
      'essential',
      'synonyms',
      'duties',
      'display_group',
      'internal',
      'category',
      'issuer',
      'ipa_skill',
      'ipa_role',
      'itss_level',
      'source',
      'retired',
      'sort_order',
    ]
    const japaneseTypes: Record<string, string> = {
      area: '分野',
      skill: 'スキル',
      role: '人材像',
      requirement: '必要スキル',
      qualification: '資格',
    }
    const rows = [keys, ...records.slice(1).map((r) => [japaneseTypes[r[0]!]!, ...r.slice(1)])]
    const text = toCsv(rows, { bom: false }).replaceAll('\r\n', '\n')
    const result = parseImportFile(new TextEncoder().encode(text), 'edited.csv')
    expect(result.status).toBe('ok')
    if (result.status === 'ok') expect(result.content).toEqual(published)
  })

  it('a CSV with several bad rows reports each one with its row number and changes nothing', async () => {
    const before = await readVersionContent(db(), (await findVersionByStatus(db(), 'draft'))!.id)
    const lockBefore = (await findVersionByStatus(db(), 'draft'))!.lock_version
    const records = parseCsv(exportedCsv)
    const col = (label: string) => records[0]!.indexOf(label)
    const rowOf = (type: string, match: (r: string[]) => boolean) => records.findIndex((r) => r[0] === type && match(r))
    const set = (index: number, label: string, value: string) => {
      records[index]![col(label)] = value
    }
    const skillRows = records.map((r, i) => (r[0] === 'skill' ? i : -1)).filter((i) => i >= 0)
    const requirementRows = records.map((r, i) => (r[0] === 'requirement' ? i : -1)).filter((i) => i >= 0)
    const missingLevel = skillRows[1]!
    set(missingLevel, 'レベル3（主導）', '')
    const missingArea = skillRows[2]!
    set(missingArea, '分野ID', 'no-such-area')
    const badLevel = requirementRows[0]!
    set(badLevel, '必要レベル', '7')
    const ghostSkill = requirementRows[1]!
    set(ghostSkill, 'スキルID', 'ghost-skill')
    const ghostRole = requirementRows[2]!
    set(ghostRole, '人材像ID', 'ghost-role')
    const badEssential = requirementRows[3]!
    set(badEssential, '必須・任意', 'たぶん')
    const notANumber = rowOf('qualification', () => true)
    set(notANumber, 'ITSSレベル', '高い')
    // Appended rows: an unknown record type, a skill without id, a copy of an existing skill (same id).
    const unknownType = records.push([...records[rowOf('area', () => true)]!]) - 1
    set(unknownType, '種別', 'widget')
    const missingId = records.push([...records[skillRows[4]!]!]) - 1
    set(missingId, 'ID', '')
    const duplicate = records.push([...records[skillRows[5]!]!]) - 1
    const csv = toCsv(records)

    const result = await upload(csv, '編集後.csv')
    expect(result.status).toBe(400)
    const errors = result.body!.errors
    const at = (index: number) => errors.filter((e) => e.row === index + 1)
    expect(at(unknownType)).toEqual([
      expect.objectContaining({ field: '種別', message: expect.stringContaining('種別「widget」は使えません') }),
    ])
    expect(at(missingId)).toEqual([expect.objectContaining({ field: 'ID', message: 'IDを入力してください' })])
    expect(at(missingLevel)).toEqual([
      expect.objectContaining({ field: 'レベル3（主導）', message: 'レベル3の説明を入力してください' }),
    ])
    expect(at(missingArea)).toEqual([
      expect.objectContaining({ field: '分野ID', message: '分野「no-such-area」がありません' }),
    ])
    expect(at(badLevel)).toEqual([expect.objectContaining({ field: '必要レベル', message: '必要レベルは1〜4です' })])
    expect(at(ghostSkill)).toEqual([
      expect.objectContaining({ field: 'スキルID', message: 'スキル「ghost-skill」がありません' }),
    ])
    expect(at(ghostRole)).toEqual([
      expect.objectContaining({ field: '人材像ID', message: '人材像「ghost-role」がありません' }),
    ])
    expect(at(badEssential)).toEqual([
      expect.objectContaining({ field: '必須・任意', message: expect.stringContaining('「必須」か「任意」') }),
    ])
    expect(at(notANumber)).toEqual([
      expect.objectContaining({ field: 'ITSSレベル', message: expect.stringContaining('整数') }),
    ])
    expect(at(duplicate)).toEqual([
      expect.objectContaining({ field: 'ID', message: expect.stringMatching(/^スキルのID「.+」が重複しています$/) }),
    ])
    expect(errors).toHaveLength(10)
    expect(result.body!.total).toBe(10)
    expect(errors.map((e) => e.row)).toEqual([...errors.map((e) => e.row)].sort((a, b) => a! - b!))

    // Nothing changed: same content, same lock versions, no import audited.
    expect(await readVersionContent(db(), (await findVersionByStatus(db(), 'draft'))!.id)).toEqual(before)
    expect((await findVersionByStatus(db(), 'draft'))!.lock_version).toBe(lockBefore)
  })

  it('reports a wrong header, unknown columns and a broken quote', async () => {
    const wrong = await upload('name,description\r\nfoo,bar\r\n', 'wrong.csv')
    expect(wrong.status).toBe(400)
    expect(wrong.body!.errors).toEqual([{ row: 1, message: expect.stringContaining('1行目が見出し行ではありません') }])

    const unknown = await upload(`${CSV_BOM}種別,ID,名称,ふりがな\r\narea,a-1,分野\r\n`, 'unknown.csv')
    expect(unknown.body!.errors).toEqual([
      { row: 1, field: 'ふりがな', message: '不明な列「ふりがな」です。書き出したCSVの見出しを使ってください。' },
    ])

    const broken = parseImportFile(new TextEncoder().encode('種別,ID,名称\r\narea,a-1,"閉じない\r\n'), 'broken.csv')
    expect(broken).toMatchObject({
      status: 'invalid',
      errors: [{ row: 2, message: expect.stringContaining('閉じられていません') }],
    })
  })

  it('points references to a row whose record type was not understood back at that row', () => {
    const csv = toCsv([
      ['種別', 'ID', '分野ID', '名称', 'レベル1（知識）', 'レベル2（実務）', 'レベル3（主導）', 'レベル4（指導）'],
      ['ぶんや', 'area-a', '', '分野A'],
      ['skill', 'skill-a', 'area-a', 'スキルA', '知', '実', '主', '指'],
    ])
    expect(parseImportFile(new TextEncoder().encode(csv), 'x.csv')).toMatchObject({
      status: 'invalid',
      errors: [
        { row: 2, field: '種別', message: expect.stringContaining('種別「ぶんや」は使えません') },
        { row: 3, field: '分野ID', message: '分野「area-a」がありません（2行目の種別を確認してください）' },
      ],
    })
  })

  it('reports malformed JSON with its line, and every invalid item with its path', async () => {
    const malformed = await upload(
      '{\n  "format": "dx500-skill-standard",\n  "content": { "areas": [ }\n}',
      'broken.json',
    )
    expect(malformed.status).toBe(400)
    expect(malformed.body!.errors).toEqual([
      { row: 3, message: expect.stringContaining('JSONの書式が正しくありません（3行目') },
    ])
    const truncated = parseImportFile(new TextEncoder().encode('{"format": '), 'cut.json')
    expect(truncated).toMatchObject({
      status: 'invalid',
      errors: [{ message: expect.stringContaining('途中で終わっています') }],
    })
    const trailingComma = parseImportFile(
      new TextEncoder().encode('{\n  "areas": [],\n  "skills": [1,]\n}'),
      'comma.json',
    )
    expect(trailingComma).toMatchObject({
      status: 'invalid',
      errors: [{ row: 3, message: expect.stringContaining('3行目16文字目') }],
    })

    const document = JSON.parse(exportedJson) as {
      formatVersion: number
      content: CatalogueContent & Record<string, unknown>
    }
    document.formatVersion = 2
    const skills = document.content.skills as unknown as Array<Record<string, unknown>>
    skills[0]!.levels = ['一', '二', '三']
    skills[1]!.sortOrder = '10'
    skills[2]!.desciption = 'typo'
    document.content.roles[0]!.requirements[0]!.skillId = 'ghost-skill'
    const result = await upload(JSON.stringify(document), 'bad.json')
    expect(result.status).toBe(400)
    expect(result.body!.errors).toEqual([
      { field: 'formatVersion', message: expect.stringContaining('formatVersion: 2') },
      { field: 'content.skills[2].desciption', message: '不明な項目「desciption」です' },
      { field: 'content.skills[0].levels', message: 'レベル1〜4の説明が必要です' },
      { field: 'content.skills[1].sortOrder', message: '数値で指定してください' },
      { field: 'content.roles[0].requirements[0].skillId', message: 'スキル「ghost-skill」がありません' },
    ])
    expect(await draftContent()).toEqual(published)
  })

  it('converts a Shift_JIS CSV (Excel 「CSV（コンマ区切り）」) and says so', async () => {
    // Built by hand: ア = 83 41, スキル = 83 58 83 4C 83 8B (Shift_JIS); the rest is ASCII.
    const sjis = (hex: string) => Buffer.from(hex.replace(/\s/g, ''), 'hex')
    const ascii = (text: string) => Buffer.from(text, 'ascii')
    const bytes = Buffer.concat([
      ascii('record_type,id,area_id,name,level_1,level_2,level_3,level_4\r\n'),
      ascii('area,sjis-area,,'),
      sjis('8358 834c 838b'),
      ascii(',,,,\r\n'),
      ascii('skill,sjis-skill,sjis-area,'),
      sjis('8341 8358 834c 838b'),
      ascii(','),
      sjis('8341'),
      ascii(','),
      sjis('8341'),
      ascii(','),
      sjis('8341'),
      ascii(','),
      sjis('8341'),
      ascii('\r\n'),
    ])
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow()
    const result = await upload(new Uint8Array(bytes), 'excel.csv')
    expect(result.status).toBe(302)
    const toast = result.response!.headers.get('Set-Cookie') ?? ''
    expect(toast).toContain('dxp_toast')
    const content = await draftContent()
    expect(content.areas).toEqual([{ id: 'sjis-area', name: 'スキル', description: '', sortOrder: 0, retired: false }])
    expect(content.skills[0]).toMatchObject({ id: 'sjis-skill', name: 'アスキル', levels: ['ア', 'ア', 'ア', 'ア'] })
    const parsed = parseImportFile(new Uint8Array(bytes), 'excel.csv')
    expect(parsed.notices).toEqual([expect.stringContaining('Shift_JIS')])
  })

  it('explains files it cannot read: unknown encoding, UTF-16, Excel workbooks, empty, too large, none', async () => {
    const message = (result: ReturnType<typeof parseImportFile>) =>
      result.status === 'invalid' ? result.errors[0]?.message : ''
    expect(message(parseImportFile(new Uint8Array([0x61, 0x2c, 0x62, 0x0d, 0x0a, 0xff, 0xff]), 'x.csv'))).toContain(
      '文字コードを判別できません',
    )
    expect(message(parseImportFile(new Uint8Array([0xff, 0xfe, 0x61, 0x00]), 'x.csv'))).toContain('UTF-16')
    expect(message(parseImportFile(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00]), 'book.xlsx'))).toContain('CSV UTF-8')
    expect(message(parseImportFile(new Uint8Array([0x82, 0xa0]), 'x.json'))).toContain('UTF-8')

    const empty = await upload('', 'empty.csv')
    expect(empty.body?.formError).toBe('ファイルが空です。')
    const large = await upload(new Uint8Array(2 * 1024 * 1024 + 1).fill(0x61), 'large.csv')
    expect(large.status).toBe(400)
    expect(large.body?.formError).toContain('ファイルが大きすぎます')
    const none = await importAction(
      routeArgs(services, '/admin/skill-standard/import', { cookie: editor, form: { other: 'x' } }),
    )
    expect(unwrap(none).body.formError).toBe('ファイルを選んでください。')
  })
})

describe('who may import and export drafts', () => {
  it('shows the import page to ministry staff with the draft counts and download links', async () => {
    const page = unwrap(await importLoader(routeArgs(services, '/admin/skill-standard/import', { cookie: editor })))
    expect(page.body.draft).toMatchObject({ versionNo: 2, label: '第2版' })
    expect(page.body.maxMegabytes).toBe(2)
  })

  it('refuses other roles (403) and sends anonymous visitors to log in', async () => {
    for (const role of ['professional', 'prefecture_admin'] as const) {
      const { cookie } = await loginAs(services, { role })
      expect(
        (await thrownResponse(() => importLoader(routeArgs(services, '/admin/skill-standard/import', { cookie }))))
          .status,
      ).toBe(403)
      expect((await download(draftCsvLoader, '/admin/skill-standard/export.csv', cookie)).status).toBe(403)
      expect((await download(draftJsonLoader, '/admin/skill-standard/export.json', cookie)).status).toBe(403)
      const before = await draftContent()
      expect((await upload(exportedCsvForPermissions(), 'x.csv', cookie)).status).toBe(403)
      expect(await draftContent()).toEqual(before)
    }
    const anonymous = await download(draftCsvLoader, '/admin/skill-standard/export.csv')
    expect(anonymous.status).toBe(302)
    expect(anonymous.headers.get('Location')).toMatch(/^\/login/)
    const page = await thrownResponse(() => importLoader(routeArgs(services, '/admin/skill-standard/import')))
    expect(page.status).toBe(302)
  })

  it('serves the public exports to anonymous visitors', async () => {
    expect((await download(publicCsvLoader, '/skills/export.csv')).status).toBe(200)
    expect((await download(publicJsonLoader, '/skills/export.json')).status).toBe(200)
  })
})

function exportedCsvForPermissions(): string {
  return toCsv([
    ['種別', 'ID', '名称'],
    ['area', 'hijack', '乗っ取り'],
  ])
}
