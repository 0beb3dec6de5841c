// Use cases for the local-government master data: the 「自治体をさがす」 search and the body page.
import { z } from 'zod'
import { prefectureFilter } from '../utils/field-schemas'
import type { AppLoadContext } from '@remix-run/node'
import { isValidLocalGovernmentCode } from '../../db/local-government-code'
import {
  findLocalGovernment,
  findPrefecture,
  listLocalGovernmentsByCodes,
  listMunicipalitiesOfPrefecture,
  listPrefectures,
} from '../../db/queries/local-government'
import { LOCAL_GOVERNMENT_KIND_LABELS, LOCAL_GOVERNMENT_KINDS, type LocalGovernment } from '../../db/schema'
import { searchLocalGovernments } from '../../search/queries/local-government'

export const KIND_LABELS: Record<LocalGovernment['kind'], string> = LOCAL_GOVERNMENT_KIND_LABELS

export const PAGE_SIZE = 20
/** Meilisearch's maxTotalHits is 5,000; 100 pages of 20 cover every body (1,788) with room to spare. */
export const MAX_PAGE = 100

/** The search page's query string. Anything malformed is a 400 with a Japanese message, never a 500. */
export const LocalGovernmentSearchParamsSchema = z.object({
  q: z.string().trim().max(100, { message: '検索語は100文字以内で入力してください' }).default(''),
  pref: prefectureFilter('都道府県の指定が正しくありません'),
  kind: z.array(z.enum(LOCAL_GOVERNMENT_KINDS, { message: '団体区分の指定が正しくありません' })).default([]),
  page: z.coerce
    .number({ message: 'ページ番号が正しくありません' })
    .int({ message: 'ページ番号が正しくありません' })
    .min(1, { message: 'ページ番号が正しくありません' })
    .max(MAX_PAGE, { message: 'ページ番号が大きすぎます' })
    .default(1),
})
export type LocalGovernmentSearchParams = z.infer<typeof LocalGovernmentSearchParamsSchema>

export function parseLocalGovernmentSearchParams(searchParams: URLSearchParams) {
  return LocalGovernmentSearchParamsSchema.safeParse({
    q: searchParams.get('q') ?? undefined,
    pref: searchParams.get('pref') ?? undefined,
    kind: searchParams.getAll('kind'),
    page: searchParams.get('page') ?? undefined,
  })
}

export type LocalGovernmentSearchOutcome =
  { status: 'ok'; rows: LocalGovernment[]; total: number; normalizedQuery: string } | { status: 'search-unavailable' }

export async function searchLocalGovernmentsForPage(
  context: AppLoadContext,
  params: LocalGovernmentSearchParams,
): Promise<LocalGovernmentSearchOutcome> {
  let found: Awaited<ReturnType<typeof searchLocalGovernments>>
  try {
    found = await searchLocalGovernments(context.services.search, {
      q: params.q,
      prefectureCode: params.pref,
      kinds: params.kind.length > 0 ? params.kind : undefined,
      limit: PAGE_SIZE,
      offset: (params.page - 1) * PAGE_SIZE,
    })
  } catch (error) {
    // Search is an index over Postgres, not the truth: when it is down the page says so and nothing else breaks.
    console.error('[search] 自治体検索に失敗しました:', error instanceof Error ? error.message : error)
    return { status: 'search-unavailable' }
  }
  // Meilisearch returns ids; the rows come from Postgres, the source of truth.
  const rows = await listLocalGovernmentsByCodes(context.services.database.db, found.codes)
  return { status: 'ok', rows, total: found.total, normalizedQuery: found.query }
}

export interface LocalGovernmentOption {
  code: string
  name: string
  nameKana: string
  kindLabel: string
  prefectureName: string
}

export type LocalGovernmentSuggestions =
  | { status: 'ok'; options: LocalGovernmentOption[]; total: number }
  | { status: 'search-unavailable'; message: string; options: [] }

/** Options for the picker: the first page of the search, with the labels a person needs to tell bodies apart. */
export async function suggestLocalGovernments(
  context: AppLoadContext,
  params: LocalGovernmentSearchParams,
): Promise<LocalGovernmentSuggestions> {
  const outcome = await searchLocalGovernmentsForPage(context, { ...params, page: 1 })
  if (outcome.status !== 'ok') {
    return { status: 'search-unavailable', message: '検索は一時的にご利用いただけません', options: [] }
  }
  const prefectures = new Map(
    (await listPrefectures(context.services.database.db)).map((p) => [p.prefecture_code, p.name]),
  )
  return {
    status: 'ok',
    total: outcome.total,
    options: outcome.rows.map((row) => ({
      code: row.code,
      name: row.name,
      nameKana: row.name_kana,
      kindLabel: KIND_LABELS[row.kind],
      prefectureName: row.kind === 'prefecture' ? '' : (prefectures.get(row.prefecture_code) ?? ''),
    })),
  }
}

/** The prefectures for the search form: their code, their body's code and their name. */
export async function listPrefectureOptions(context: AppLoadContext) {
  const prefectures = await listPrefectures(context.services.database.db)
  return prefectures.map((p) => ({ code: p.prefecture_code, bodyCode: p.code, name: p.name }))
}

export type LocalGovernmentPage = {
  body: LocalGovernment
  prefecture: LocalGovernment | undefined
  municipalities: LocalGovernment[]
}

/** The kinds with their Japanese labels, in display order (for filters in the browser). */
export const KIND_OPTIONS = LOCAL_GOVERNMENT_KINDS.map((kind) => ({ value: kind, label: KIND_LABELS[kind] }))

/**
 * The body page. Throws a 400 for a code that is not 6 digits and a 404 for one that fails its check digit
 * or is unknown, each with a Japanese message (never a 500).
 */
export async function requireLocalGovernmentPage(context: AppLoadContext, code: string): Promise<LocalGovernmentPage> {
  const { db } = context.services.database
  if (!/^[0-9]{6}$/.test(code)) {
    throw new Response('団体コードは6桁の数字で指定してください（例: 011002）。', { status: 400 })
  }
  if (!isValidLocalGovernmentCode(code)) {
    throw new Response(`団体コード ${code} は検査数字が一致しません。コードを確認してください。`, { status: 404 })
  }
  const body = await findLocalGovernment(db, code)
  if (!body) throw new Response(`団体コード ${code} の自治体は見つかりません。`, { status: 404 })
  if (body.kind === 'prefecture') {
    return {
      body,
      prefecture: undefined,
      municipalities: await listMunicipalitiesOfPrefecture(db, body.prefecture_code),
    }
  }
  const prefecture = await findPrefecture(db, body.prefecture_code)
  return { body, prefecture, municipalities: [] }
}
