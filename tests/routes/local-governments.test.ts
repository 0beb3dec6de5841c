import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loader as bodyLoader } from '../../app/routes/local-governments.$code/route'
import { loader as searchLoader } from '../../app/routes/local-governments._index/route'
import type { Services } from '../../app/services.server'
import { createTestServices, createUnreachableSearchClient, loaderArgs, thrownResponse, unwrap } from '../services'

let services: Services
beforeAll(async () => {
  services = await createTestServices()
})
afterAll(async () => {
  await services?.close()
})

async function search(query: string) {
  return unwrap(await searchLoader(loaderArgs(services, `/local-governments${query}`)))
}

function names(body: Awaited<ReturnType<typeof search>>['body']): string[] {
  return body.outcome?.status === 'ok' ? body.outcome.rows.map((r) => r.name) : []
}

describe('/local-governments (自治体をさがす)', () => {
  it('finds 札幌市 first by reading and by name, rows served from Postgres', async () => {
    for (const q of ['さっぽろ', '札幌', 'サッポロ', 'ｻｯﾎﾟﾛ']) {
      const { status, body } = await search(`?q=${encodeURIComponent(q)}`)
      expect(status, q).toBe(200)
      expect(names(body)[0], q).toBe('札幌市')
    }
  })

  it('finds both the prefecture and the city for ひろしま', async () => {
    const found = names((await search(`?q=${encodeURIComponent('ひろしま')}`)).body)
    expect(found).toEqual(expect.arrayContaining(['広島県', '広島市']))
  })

  it('filters by prefecture and by kind', async () => {
    const { body } = await search('?pref=01&kind=village')
    expect(body.outcome?.status).toBe('ok')
    if (body.outcome?.status !== 'ok') return
    expect(body.outcome.total).toBe(15) // 北海道の村 (active ones; the six 北方領土 villages are excluded)
    for (const row of body.outcome.rows) expect(row).toMatchObject({ prefecture_code: '01', kind: 'village' })

    const wards = (await search('?kind=special_ward')).body
    expect(wards.outcome?.status === 'ok' && wards.outcome.total).toBe(23)
    const prefectures = (await search(`?q=${encodeURIComponent('ひろしま')}&kind=prefecture`)).body
    expect(names(prefectures)).toEqual(['広島県'])
  })

  it('never offers the 北方領土 villages', async () => {
    expect(names((await search(`?q=${encodeURIComponent('しゃな')}`)).body)).not.toContain('紗那村')
    expect(names((await search(`?q=${encodeURIComponent('色丹')}`)).body)).not.toContain('色丹村')
  })

  it('answers malformed parameters with 400 and a Japanese message on the field', async () => {
    const cases: Array<[string, string, string]> = [
      ['?page=abc', 'page', 'ページ番号が正しくありません'],
      ['?page=0', 'page', 'ページ番号が正しくありません'],
      ['?pref=48', 'pref', '都道府県の指定が正しくありません'],
      ['?kind=ward', 'kind', '団体区分の指定が正しくありません'],
      [`?q=${'あ'.repeat(101)}`, 'q', '検索語は100文字以内で入力してください'],
    ]
    for (const [query, field, message] of cases) {
      const { status, body } = await search(query)
      expect(status, query).toBe(400)
      expect(body.fieldErrors[field], query).toBe(message)
    }
  })

  it('says search is unavailable (503) when Meilisearch is down, while Postgres pages still work', async () => {
    const down: Services = { ...services, search: createUnreachableSearchClient() }
    const { status, body } = unwrap(await searchLoader(loaderArgs(down, '/local-governments?q=さっぽろ')))
    expect(status).toBe(503)
    expect(body.outcome?.status).toBe('search-unavailable')
    expect(body.prefectures).toHaveLength(47)
    const page = await bodyLoader(loaderArgs(down, '/local-governments/011002', { code: '011002' }))
    expect(page.body.name).toBe('札幌市')
    down.search.close()
  })
})

describe('/local-governments/:code', () => {
  it('shows a municipality with its prefecture, and a prefecture with its municipalities', async () => {
    const sapporo = await bodyLoader(loaderArgs(services, '/local-governments/011002', { code: '011002' }))
    expect(sapporo).toMatchObject({
      body: { name: '札幌市', name_kana: 'さっぽろし' },
      prefecture: { name: '北海道' },
      kindLabel: '指定都市',
    })
    const hiroshima = await bodyLoader(loaderArgs(services, '/local-governments/340006', { code: '340006' }))
    expect(hiroshima.body.name).toBe('広島県')
    expect(hiroshima.municipalities.map((m) => m.name)).toContain('広島市')
    expect(hiroshima.municipalities).toHaveLength(23)
  })

  it('answers bad codes with 4xx and a Japanese message, never a 500', async () => {
    const cases: Array<[string, number, string]> = [
      ['abc', 400, '6桁の数字'],
      ['01100', 400, '6桁の数字'],
      ['011003', 404, '検査数字が一致しません'],
      ['999997', 404, '見つかりません'], // valid check digit, no such body
    ]
    for (const [code, status, text] of cases) {
      const response = await thrownResponse(() =>
        bodyLoader(loaderArgs(services, `/local-governments/${code}`, { code })),
      )
      expect(response.status, code).toBe(status)
      expect(response.text, code).toContain(text)
    }
  })
})
