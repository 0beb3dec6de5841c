// Form and query schemas of the accelerators' pages: the directory entry an accelerator keeps, the ministry's
// notice, and the network directory's filters. Shared by the browser (conform's constraints) and the server;
// messages in Japanese, at the field. The lengths are the database's checks (its constraints stay the guard).
import { z } from 'zod'
import { checkbox, optionalText, plainString, prefectureFilter, requiredText } from './field-schemas'
import { DIRECTORY_VISIBILITY_LABELS, valuesOf } from './labels'

export const DIRECTORY_LIMITS = { displayName: 100, headline: 100, introduction: 1000, contact: 200 } as const
export const NOTICE_LIMITS = { title: 200, body: 5000 } as const

export const DirectoryEntrySchema = z.object({
  visibility: z.enum(valuesOf(DIRECTORY_VISIBILITY_LABELS), { message: '名簿に掲載する範囲を選択してください' }),
  displayName: requiredText('表示名', DIRECTORY_LIMITS.displayName),
  headline: optionalText('肩書き・ひとこと', DIRECTORY_LIMITS.headline),
  introduction: optionalText('紹介文', DIRECTORY_LIMITS.introduction),
  contact: optionalText('連絡先', DIRECTORY_LIMITS.contact),
  showPrefecture: checkbox,
  showSkills: checkbox,
})
export type DirectoryEntryInput = z.infer<typeof DirectoryEntrySchema>

export const NoticeSchema = z.object({
  // The title is also the mail's subject: one line.
  title: requiredText('件名', NOTICE_LIMITS.title).refine((value) => !/[\r\n]/.test(value), {
    message: '件名に改行は使えません。1行で入力してください',
  }),
  body: requiredText('本文', NOTICE_LIMITS.body),
})
export type NoticeInput = z.infer<typeof NoticeSchema>

/** The network directory's filters (`?q=…&pref=NN`); empty means none. */
export const NetworkQuerySchema = z.object({
  q: plainString(undefined, '検索語')
    .trim()
    .max(100, { message: '検索語は100文字以内にしてください' })
    .optional()
    .transform((value) => value ?? ''),
  pref: prefectureFilter('都道府県を一覧から選択してください'),
})
export type NetworkQuery = z.infer<typeof NetworkQuerySchema>

/**
 * The filters of a query string. A malformed one (a stale bookmark, a hand-edited URL) still shows the whole
 * directory, with the reason in `invalid`, instead of an error page.
 */
export function parseNetworkQuery(searchParams: URLSearchParams): { query: NetworkQuery; invalid: string | null } {
  const parsed = NetworkQuerySchema.safeParse({
    q: searchParams.get('q') ?? undefined,
    pref: searchParams.get('pref') ?? undefined,
  })
  if (parsed.success) return { query: parsed.data, invalid: null }
  return {
    query: { q: '', pref: undefined },
    invalid: parsed.error.issues[0]?.message ?? '検索条件が正しくありません',
  }
}
